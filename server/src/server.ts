/**
 * Wires the pure language service to LSP: capabilities, handlers, custom requests.
 * Every handler is guarded: an exception becomes a log line and an empty answer.
 * The entry file (serverMain.ts) makes the connection, so tests could hand this
 * an in-memory one.
 */
import { isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, CompletionItem, Connection, Hover, InitializeParams } from 'vscode-languageserver';
import { CompletionItemKind, DidChangeConfigurationNotification, ErrorCodes, InsertTextFormat, MarkupKind, ResponseError, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { ChartService } from './chartService';
import { DiagnosticsService } from './diagnosticsService';
import { EDITED_DOCUMENTS } from './editedDocument';
import { DocumentModels, filePath } from './documentModels';
import { completeInAction, hoverInAction } from './helm/assist';
import { ChartMemo, chartFileRole, chartIndexForFile, fileExists, nodeChartAccess } from './helm/chart';
import { diskChartReader } from './helm/chartFindings';
import { UNRENDERABLE_TEMPLATE_MESSAGE, placeRenderedTemplate } from './helm/templatePlacement';
import { isTemplateFile } from './helm/masking';
import { loadApiModel, resolveTargetVersion } from './languageService/apiModel';
import { complete, profileCompletions } from './languageService/completion';
import type { CompletionEntry, CompletionKind } from './languageService/completion';
import { priorityClassNames } from './languageService/diagnostics/workspacePriorityClasses';
import { hover, profileHoverNote } from './languageService/hover';
import { placementFixes } from './languageService/placementFixes';
import { OverlayService } from './overlayService';
import { comparePlacements } from './placementComparison';
import { PlacementService } from './placementService';
import { RenderedDiagnostics } from './renderedDiagnostics';
import type { WorkspaceAccess } from './profileAccess';
import { checkProfilePath } from './profileAccess';
import type { KubernetesVersionResult } from './protocol';
import { KubernetesVersionChangedNotificationMethod, KubernetesVersionRequestMethod } from './protocol';
import type { ChartPlacementParams, ChartPlacementResult, CompareOverlaysParams, ComparePlacementParams, CompareValuesFilesParams, NodeDetailsParams, NodeDetailsResult, OverlayPlacementParams, OverlayPlacementResult, PlacementComparison, PlacementParams, PlacementResult, ServerInitializationOptions, ServerProcessResult, VisibleRangesParams, WorkspaceTrustParams } from './protocol';
import { ChartPlacementRequestMethod, CompareOverlaysRequestMethod, ComparePlacementRequestMethod, CompareValuesFilesRequestMethod, NodeDetailsRequestMethod, OverlayPlacementRequestMethod, PlacementRequestMethod, ServerProcessRequestMethod, VisibleRangesNotificationMethod, WorkspaceTrustNotificationMethod } from './protocol';
import { guard, guardAsync } from './runner';
import type { ServerSettings } from './settings';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import { scanPriorityClasses } from './workspaceScan';
import { configCompletions, configHover, isConfigFile } from './config/configDocument';
import type { TeamFiles } from './teamFiles';
import { wireTeamFiles } from './teamFiles';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(EDITED_DOCUMENTS);
  const models = new DocumentModels();
  const model = loadApiModel();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let diagnostics: DiagnosticsService | undefined;
  /** Charts and overlays of open documents, rendered for their diagnostics (built-in engines, off the keystroke path). */
  let rendered: RenderedDiagnostics | undefined;
  let team: TeamFiles | undefined;
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
    rendered = new RenderedDiagnostics({
      openPaths: () => documents.all().flatMap((d) => filePath(d.uri) ?? []),
      readFile: (path) => diagnostics?.readFile(path),
      openText: (path) => documents.get(pathToFileURL(path).toString())?.getText(),
      model,
      options: () => (settings.diagnostics.enable ? { rules: settings.diagnostics.rules, priorityClasses: diagnostics?.workspacePriorityClasses } : undefined),
      changed: (paths) => diagnostics?.refreshFiles(paths),
      log: (message) => connection.console.error(message),
    });
    diagnostics.renderedFindings = (path) => rendered?.findingsFor(path) ?? [];
    team = wireTeamFiles(connection, diagnostics, () => settings, () => workspaceFolders, !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
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

  /** The target Kubernetes version as the settings say (the status bar shows it). */
  const versionResult = (): KubernetesVersionResult => {
    const { version, problem } = resolveTargetVersion(model, settings.kubernetesVersion);
    return { version, source: settings.kubernetesVersion && !problem ? 'setting' : 'default', versions: model.kubernetesVersions, ...(problem ? { problem } : {}) };
  };
  let announcedVersion = JSON.stringify(versionResult());
  /** Tells the client when new settings change the target version (it may have asked before they arrived). */
  const announceVersion = () => {
    const now = JSON.stringify(versionResult());
    if (now === announcedVersion) return;
    announcedVersion = now;
    void connection.sendNotification(KubernetesVersionChangedNotificationMethod, versionResult());
  };

  const reloadSettings = async () => {
    if (!canPullConfiguration) return;
    const raw: unknown = await connection.workspace.getConfiguration('daemonsetTools');
    settings = readSettings(raw);
    team?.settingsChanged();
    announceVersion();
    diagnostics?.refreshAll();
    rendered?.refreshAll();
  };

  connection.onInitialized(() => {
    team?.settingsChanged();
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
      team?.settingsChanged();
      announceVersion();
      diagnostics?.refreshAll();
      rendered?.refreshAll();
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
      const toItem = (entry: CompletionEntry): CompletionItem => ({
        label: entry.label,
        kind: COMPLETION_KIND[entry.kind],
        detail: entry.detail,
        documentation: entry.documentation ? { kind: MarkupKind.Markdown, value: entry.documentation } : undefined,
        sortText: entry.sortText,
        insertTextFormat: entry.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: file.lineIndex.range(entry.start, entry.end), newText: entry.insertText },
      });
      // the team's .daemonset-tools.yaml: its settings and rule ids (config/configDocument.ts)
      if (isConfigFile(filePath(textDocument.uri) ?? '')) return configCompletions(file, offset).map(toItem);
      const inAction = isTemplateFile(file) ? completeInAction(file.mask.actions, offset, chartOf(textDocument.uri)) : undefined;
      const trigger = context?.triggerCharacter;
      const entries = inAction ?? (trigger === '.' || trigger === '"' ? [] : undefined);
      if (entries) return entries.map((entry) => ({ label: entry.label, kind: COMPLETION_KIND[entry.kind], detail: entry.detail, documentation: entry.documentation ? { kind: MarkupKind.Markdown, value: entry.documentation } : undefined, sortText: entry.sortText, textEdit: { range: file.lineIndex.range(entry.start, entry.end), newText: entry.insertText } }));
      const priorityClasses = new Set(diagnostics?.workspacePriorityClasses);
      for (const open of documents.all()) for (const name of priorityClassNames(models.get(open))) priorityClasses.add(name);
      const profile = placement.profile(activeProfilePath()).profile;
      const extraValues = profile ? (context: Parameters<typeof profileCompletions>[1]) => profileCompletions(profile, context) : undefined;
      return complete(file, offset, model, { priorityClasses, extraValues, kubernetesVersion: settings.kubernetesVersion }).map(toItem);
    }, token),
  );

  connection.onHover(({ textDocument, position }, token) =>
    guard<Hover | null>(connection, 'hover', null, () => {
      const document = documents.get(textDocument.uri);
      if (!document) return null;
      const file = models.get(document);
      const offset = file.lineIndex.offsetAt(position);
      if (isConfigFile(filePath(textDocument.uri) ?? '')) {
        const found = configHover(file, offset);
        return found ? { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: file.lineIndex.range(found.start, found.end) } : null;
      }
      if (isTemplateFile(file)) {
        const inAction = hoverInAction(file.mask.actions, offset, chartOf(textDocument.uri));
        if (inAction) return { contents: { kind: MarkupKind.Markdown, value: inAction.markdown }, range: file.lineIndex.range(inAction.start, inAction.end) };
      }
      const result = hover(file, offset, model, settings.kubernetesVersion);
      const profile = placement.profile(activeProfilePath()).profile;
      const note = profile ? profileHoverNote(file, offset, profile) : undefined;
      if (!result && !note) return null;
      const markdown = [note, result?.markdown].filter(Boolean).join('\n\n');
      return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: result ? file.lineIndex.range(result.start, result.end) : undefined };
    }, token),
  );

  connection.onRequest<KubernetesVersionResult, void>(KubernetesVersionRequestMethod, (_params: unknown, token: CancellationToken): KubernetesVersionResult =>
    guard<KubernetesVersionResult>(connection, 'kubernetesVersion', { version: model.kubernetesVersion, source: 'default', versions: model.kubernetesVersions }, versionResult, token),
  );

  connection.onRequest<PlacementResult, void>(PlacementRequestMethod, (params: PlacementParams, token: CancellationToken): PlacementResult =>
    guard<PlacementResult>(connection, 'placement', { kind: 'error', message: 'the placement could not be computed (see the output log)' }, () => {
      const document = documents.get(params.uri);
      if (!document) return { kind: 'error', message: 'the document is not open' };
      const file = models.get(document);
      // a template is placed as it renders: its masked text does not know what its actions write
      return isTemplateFile(file) ? placeTemplate(document.uri, params.profilePath) : placement.place(file, params.profilePath);
    }, token),
  );

  const placeTemplate = (uri: string, profilePath: string | undefined): PlacementResult => {
    const path = filePath(uri);
    const chart = path ? chartFileRole(path, fileExists) : undefined;
    if (!path || chart?.role !== 'template') return { kind: 'error', message: UNRENDERABLE_TEMPLATE_MESSAGE };
    const reader = diskChartReader((p) => documents.get(pathToFileURL(p).toString())?.getText());
    return placeRenderedTemplate(chart.chartRoot, path, rendered?.valuesFilesOf(chart.chartRoot) ?? [], reader, (f) => placement.place(f, profilePath), { cache: rendered?.renderCacheOf(chart.chartRoot) });
  };

  connection.onRequest<PlacementComparison, void>(ComparePlacementRequestMethod, (params: ComparePlacementParams, token: CancellationToken): PlacementComparison =>
    guard<PlacementComparison>(connection, 'comparePlacement', { kind: 'error', message: 'the comparison could not be computed (see the output log)' }, () => {
      const document = documents.get(params.uri);
      if (!document) return { kind: 'error', message: 'the document is not open' };
      const file = models.get(document);
      // a template's sides are its rendering on each profile (a side with a text of its own is plain YAML)
      if (isTemplateFile(file) && params.before.text === undefined && params.after.text === undefined) {
        return comparePlacements(params.before, placeTemplate(params.uri, params.before.profilePath), params.after, placeTemplate(params.uri, params.after.profilePath));
      }
      return placement.compare(params, file);
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

  const charts = new ChartService(
    placement,
    (path) => documents.get(pathToFileURL(path).toString())?.getText(),
    (path) => (diagnostics ? diagnostics.readFile(path) : undefined),
    // helm runs only where the user trusts the workspace and named it
    () => ({ helmPath: trusted && settings.helmPath ? settings.helmPath : undefined }),
  );

  connection.onRequest(ChartPlacementRequestMethod, (params: ChartPlacementParams) =>
    guardAsync<ChartPlacementResult>(connection, 'chartPlacement', { kind: 'error', message: 'the chart could not be placed (see the output log)' }, () => {
      // the diagnostics of the chart's rendering follow the values files the preview shows
      const path = filePath(params.uri);
      const chart = path ? chartFileRole(path, fileExists) : undefined;
      if (chart) rendered?.setValuesFiles(chart.chartRoot, params.valuesFiles ?? []);
      return charts.place(params);
    }),
  );

  connection.onRequest(CompareValuesFilesRequestMethod, (params: CompareValuesFilesParams) =>
    guardAsync<PlacementComparison>(connection, 'compareValuesFiles', { kind: 'error', message: 'the values files could not be compared (see the output log)' }, () => charts.compare(params)),
  );

  connection.onRequest<NodeDetailsResult | null, void>(NodeDetailsRequestMethod, (params: NodeDetailsParams) => {
    const answer = guard<ReturnType<PlacementService['nodeDetails']>>(connection, 'nodeDetails', null, () => placement.nodeDetails(params));
    // a profile that cannot be read (or is refused in Restricted Mode) is an error the client can show
    return answer && 'error' in answer ? new ResponseError<void>(ErrorCodes.InvalidParams, answer.error) : answer;
  });

  documents.onDidClose(({ document }) => {
    models.delete(document.uri);
    const path = filePath(document.uri);
    if (path) rendered?.closed(path);
  });
  documents.onDidChangeContent(({ document }) => {
    const path = filePath(document.uri);
    if (path) rendered?.touched(path);
  });
  connection.onShutdown(() => rendered?.dispose());
  documents.listen(connection);
  connection.listen();
}
