/**
 * Wires the pure language service to LSP: capabilities, handlers, custom requests.
 * Every handler is guarded: an exception becomes a log line and an empty answer.
 * The entry file (serverMain.ts) makes the connection, so tests could hand this
 * an in-memory one.
 */
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CancellationToken, CompletionItem, Connection, Hover, InitializeParams } from 'vscode-languageserver';
import { CompletionItemKind, DidChangeConfigurationNotification, ErrorCodes, InsertTextFormat, MarkupKind, ResponseError, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsService } from './diagnosticsService';
import { DocumentModels, filePath } from './documentModels';
import { completeInAction, hoverInAction } from './helm/assist';
import { ChartMemo, chartIndexForFile, nodeChartAccess } from './helm/chart';
import { isTemplateFile } from './helm/masking';
import { loadApiModel } from './languageService/apiModel';
import { complete, profileCompletions } from './languageService/completion';
import type { CompletionKind } from './languageService/completion';
import { priorityClassNames } from './languageService/diagnostics/workspacePriorityClasses';
import { hover, profileHoverNote } from './languageService/hover';
import { placementFixes } from './languageService/placementFixes';
import { OverlayService } from './overlayService';
import { PlacementService } from './placementService';
import type { WorkspaceAccess } from './profileAccess';
import { checkProfilePath } from './profileAccess';
import type { CompareOverlaysParams, ComparePlacementParams, NodeDetailsParams, NodeDetailsResult, OverlayPlacementParams, OverlayPlacementResult, PlacementComparison, PlacementParams, PlacementResult, ServerInitializationOptions, ServerProcessResult, VisibleRangesParams, WorkspaceTrustParams } from './protocol';
import { CompareOverlaysRequestMethod, ComparePlacementRequestMethod, NodeDetailsRequestMethod, OverlayPlacementRequestMethod, PlacementRequestMethod, ServerProcessRequestMethod, VisibleRangesNotificationMethod, WorkspaceTrustNotificationMethod } from './protocol';
import { guard, guardAsync } from './runner';
import type { ServerSettings } from './settings';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import { scanPriorityClasses } from './workspaceScan';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const models = new DocumentModels();
  const model = loadApiModel();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let diagnostics: DiagnosticsService | undefined;
  let canPullConfiguration = false;
  let workspaceFolders: string[] = [];
  // Untrusted until the client says otherwise (see ServerInitializationOptions).
  let trusted = false;
  const access = (): WorkspaceAccess => ({ trusted, folders: workspaceFolders });

  connection.onInitialize((params: InitializeParams) => {
    const pull = !!params.capabilities.textDocument?.diagnostic;
    canPullConfiguration = !!params.capabilities.workspace?.configuration;
    workspaceFolders = (params.workspaceFolders ?? []).flatMap((f) => (f.uri.startsWith('file:') ? [fileURLToPath(f.uri)] : []));
    const options = params.initializationOptions as ServerInitializationOptions | undefined;
    settings = readSettings(options?.settings);
    trusted = options?.trusted === true;
    diagnostics = new DiagnosticsService(connection, documents, models, model, () => settings, pull, !!params.capabilities.workspace?.diagnostics?.refreshSupport);
    diagnostics.listen();
    // (runs after startServer returned, so the placement service below exists)
    diagnostics.moreFixes = (file, offset) => {
      const profile = placement.profile(activeProfilePath()).profile;
      return profile ? placementFixes(file, offset, profile) : [];
    };
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        // `.` and `"` only complete inside template actions (`.Values.`, `include "`).
        completionProvider: { triggerCharacters: [' ', ':', '-', '/', '.', '"'] },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        ...(pull ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'daemonset-tools', version: `Kubernetes ${model.kubernetesVersion}` },
    };
  });

  const reloadSettings = async () => {
    if (!canPullConfiguration) return;
    const raw: unknown = await connection.workspace.getConfiguration('daemonsetTools');
    settings = readSettings(raw);
    diagnostics?.refreshAll();
  };

  connection.onInitialized(() => {
    if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'daemonsetTools' });
    void guardAsync(connection, 'settings', undefined, reloadSettings);
    void guardAsync(connection, 'workspace scan', undefined, async () => {
      const found = await scanPriorityClasses(workspaceFolders);
      if (diagnostics && found.size) {
        diagnostics.workspacePriorityClasses = found;
        diagnostics.refreshAll();
      }
    });
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { daemonsetTools?: unknown } | null)?.daemonsetTools;
    if (pushed !== undefined && !canPullConfiguration) {
      settings = readSettings(pushed);
      diagnostics?.refreshAll();
      return;
    }
    void guardAsync(connection, 'settings', undefined, reloadSettings);
  });

  const placement = new PlacementService((path) => checkProfilePath(path, access()));
  let refusedActiveProfile: string | undefined;
  /**
   * The active profile's file: the setting, relative to the first workspace
   * folder; undefined means the sample, also when Restricted Mode refuses the
   * setting's file (said once in the log, not at every keystroke).
   */
  const activeProfilePath = (): string | undefined => {
    const configured = settings.activeProfile;
    if (!configured) return undefined;
    const path = isAbsolute(configured) || workspaceFolders.length === 0 ? configured : join(workspaceFolders[0], configured);
    const verdict = checkProfilePath(path, access());
    if (verdict.kind === 'allowed') return path;
    if (refusedActiveProfile !== path) connection.console.warn(verdict.message);
    refusedActiveProfile = path;
    return undefined;
  };

  connection.onNotification(WorkspaceTrustNotificationMethod, (params: WorkspaceTrustParams) => {
    trusted = params.trusted === true;
    refusedActiveProfile = undefined;
    // the profile completion, hover and fixes use may change: check again
    diagnostics?.refreshAll();
  });

  connection.onNotification(VisibleRangesNotificationMethod, (params: VisibleRangesParams) => diagnostics?.setVisibleRanges(params.uri, params.ranges));

  connection.onRequest(ServerProcessRequestMethod, (): ServerProcessResult => ({ pid: process.pid }));

  const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
    property: CompletionItemKind.Property,
    value: CompletionItemKind.Value,
    enum: CompletionItemKind.EnumMember,
    snippet: CompletionItemKind.Snippet,
  };

  const chartMemo = new ChartMemo();
  /** The chart of an open document (values, defines), read with unsaved documents over the files on disk. */
  const chartOf = (uri: string) => {
    const path = filePath(uri);
    if (!path) return undefined;
    const open = new Map(documents.all().flatMap((d) => { const p = filePath(d.uri); return p ? [[p, d.getText()] as const] : []; }));
    return chartIndexForFile(path, nodeChartAccess((p) => open.get(p)), chartMemo);
  };

  connection.onCompletion(({ textDocument, position, context }, token) =>
    guard<CompletionItem[]>(connection, 'completion', [], () => {
      const document = documents.get(textDocument.uri);
      if (!document) return [];
      const file = models.get(document);
      const offset = file.lineIndex.offsetAt(position);
      const inAction = isTemplateFile(file) ? completeInAction(file.mask.actions, offset, chartOf(textDocument.uri)) : undefined;
      const trigger = context?.triggerCharacter;
      const entries = inAction ?? (trigger === '.' || trigger === '"' ? [] : undefined);
      if (entries) return entries.map((entry) => ({ label: entry.label, kind: COMPLETION_KIND[entry.kind], detail: entry.detail, documentation: entry.documentation ? { kind: MarkupKind.Markdown, value: entry.documentation } : undefined, sortText: entry.sortText, textEdit: { range: file.lineIndex.range(entry.start, entry.end), newText: entry.insertText } }));
      const priorityClasses = new Set(diagnostics?.workspacePriorityClasses);
      for (const open of documents.all()) for (const name of priorityClassNames(models.get(open))) priorityClasses.add(name);
      const profile = placement.profile(activeProfilePath()).profile;
      const extraValues = profile ? (context: Parameters<typeof profileCompletions>[1]) => profileCompletions(profile, context) : undefined;
      return complete(file, offset, model, { priorityClasses, extraValues }).map((entry) => ({
        label: entry.label,
        kind: COMPLETION_KIND[entry.kind],
        detail: entry.detail,
        documentation: entry.documentation ? { kind: MarkupKind.Markdown, value: entry.documentation } : undefined,
        sortText: entry.sortText,
        insertTextFormat: entry.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: file.lineIndex.range(entry.start, entry.end), newText: entry.insertText },
      }));
    }, token),
  );

  connection.onHover(({ textDocument, position }, token) =>
    guard<Hover | null>(connection, 'hover', null, () => {
      const document = documents.get(textDocument.uri);
      if (!document) return null;
      const file = models.get(document);
      const offset = file.lineIndex.offsetAt(position);
      if (isTemplateFile(file)) {
        const inAction = hoverInAction(file.mask.actions, offset, chartOf(textDocument.uri));
        if (inAction) return { contents: { kind: MarkupKind.Markdown, value: inAction.markdown }, range: file.lineIndex.range(inAction.start, inAction.end) };
      }
      const result = hover(file, offset, model);
      const profile = placement.profile(activeProfilePath()).profile;
      const note = profile ? profileHoverNote(file, offset, profile) : undefined;
      if (!result && !note) return null;
      const markdown = [note, result?.markdown].filter(Boolean).join('\n\n');
      return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: result ? file.lineIndex.range(result.start, result.end) : undefined };
    }, token),
  );

  connection.onRequest<PlacementResult, void>(PlacementRequestMethod, (params: PlacementParams, token: CancellationToken): PlacementResult =>
    guard<PlacementResult>(connection, 'placement', { kind: 'error', message: 'the placement could not be computed (see the output log)' }, () => {
      const document = documents.get(params.uri);
      if (!document) return { kind: 'error', message: 'the document is not open' };
      return placement.place(models.get(document), params.profilePath);
    }, token),
  );

  connection.onRequest<PlacementComparison, void>(ComparePlacementRequestMethod, (params: ComparePlacementParams, token: CancellationToken): PlacementComparison =>
    guard<PlacementComparison>(connection, 'comparePlacement', { kind: 'error', message: 'the comparison could not be computed (see the output log)' }, () => {
      const document = documents.get(params.uri);
      if (!document) return { kind: 'error', message: 'the document is not open' };
      return placement.compare(params, models.get(document));
    }, token),
  );

  const overlays = new OverlayService(placement, model, (path) => (diagnostics ? diagnostics.readFile(path) : undefined), () => ({
    engine: settings.kustomizeEngine,
    kubectlPath: trusted ? settings.kubectlPath : undefined,
  }));

  connection.onRequest(OverlayPlacementRequestMethod, (params: OverlayPlacementParams) =>
    guardAsync<OverlayPlacementResult>(connection, 'overlayPlacement', { kind: 'error', message: 'the overlay could not be placed (see the output log)' }, () => overlays.place(params)),
  );

  connection.onRequest(CompareOverlaysRequestMethod, (params: CompareOverlaysParams) =>
    guardAsync<PlacementComparison>(connection, 'compareOverlays', { kind: 'error', message: 'the overlays could not be compared (see the output log)' }, () => overlays.compare(params)),
  );

  connection.onRequest<NodeDetailsResult | null, void>(NodeDetailsRequestMethod, (params: NodeDetailsParams) => {
    const answer = guard<ReturnType<PlacementService['nodeDetails']>>(connection, 'nodeDetails', null, () => placement.nodeDetails(params));
    // a profile that cannot be read (or is refused in Restricted Mode) is an error the client can show
    return answer && 'error' in answer ? new ResponseError<void>(ErrorCodes.InvalidParams, answer.error) : answer;
  });

  documents.onDidClose(({ document }) => models.delete(document.uri));
  documents.listen(connection);
  connection.listen();
}
