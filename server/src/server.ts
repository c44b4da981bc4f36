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
import { ChartRenders } from './chartRenders';
import { ChartService } from './chartService';
import { DiagnosticsService } from './diagnosticsService';
import { EDITED_DOCUMENTS } from './editedDocument';
import { DocumentModels, filePath } from './documentModels';
import { completeInAction, hoverInAction } from './helm/assist';
import { CHART_FILE_GLOBS, ChartMemo, chartFileRole, chartIndexForFile, fileExists, nodeChartAccess } from './helm/chart';
import { UNRENDERABLE_TEMPLATE_MESSAGE, placeRenderedTemplate } from './helm/templatePlacement';
import { isTemplateFile } from './helm/masking';
import { loadApiModel, resolveTargetVersion } from './languageService/apiModel';
import { complete, profileCompletions } from './languageService/completion';
import type { CompletionEntry, CompletionKind } from './languageService/completion';
import { priorityClassNames } from './languageService/diagnostics/workspacePriorityClasses';
import { hover, profileHoverNote } from './languageService/hover';
import { placementFixes } from './languageService/placementFixes';
import { SourceText } from './languageService/yamlModel';
import { OverlayService } from './overlayService';
import { comparePlacements } from './placementComparison';
import { PlacementService } from './placementService';
import { PlacementAnswers } from './placementWire/placementAnswers';
import { RenderedDiagnostics } from './renderedDiagnostics';
import type { WorkspaceAccess } from './profileAccess';
import { checkProfilePath } from './profileAccess';
import type { KubernetesVersionParams, KubernetesVersionResult } from './protocol';
import { KubernetesVersionChangedNotificationMethod, KubernetesVersionRequestMethod } from './protocol';
import type { ChartPlacementParams, ChartPlacementResult, CompareOverlaysParams, ComparePlacementParams, CompareValuesFilesParams, NodeDetailsParams, NodeDetailsResult, OverlayPlacementParams, OverlayPlacementResult, PlacementAnswer, PlacementComparison, PlacementParams, PlacementResult, ServerInitializationOptions, ServerProcessResult, VisibleRangesParams, WorkspaceTrustParams } from './protocol';
import { ChartPlacementRequestMethod, CompareOverlaysRequestMethod, ComparePlacementRequestMethod, CompareValuesFilesRequestMethod, NodeDetailsRequestMethod, OverlayPlacementRequestMethod, PlacementRequestMethod, ServerProcessRequestMethod, VisibleRangesNotificationMethod, WorkspaceTrustNotificationMethod } from './protocol';
import { abortSignal, guard, guardAsync } from './runner';
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
      renderChart: (folder, valuesFiles) => chartRenders.render(folder, valuesFiles),
      forgetChart: (folder) => chartRenders.forget(folder),
      model,
      // every rule at its default: each finding gets the severity of the file it lands in (its .daemonset-tools.yaml under the settings) when shown
      options: (folder) => (settings.diagnostics.enable ? { priorityClasses: diagnostics?.workspacePriorityClasses, kubernetesVersion: diagnostics?.team.kubernetesVersion(join(folder, 'Chart.yaml'), settings.kubernetesVersion) } /* (a file of the folder: its configuration is looked for from there) */ : undefined),
      changed: (paths) => diagnostics?.refreshFiles(paths),
      log: (message) => connection.console.error(message),
    });
    diagnostics.renderedFindings = (path) => rendered?.findingsFor(path) ?? [];
    team = wireTeamFiles(connection, diagnostics, () => settings, () => workspaceFolders, !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration, {
      // chart files changed on disk (not through the editor): the charts shown render again
      globs: CHART_FILE_GLOBS,
      changed: (paths, configChanged) => {
        if (!configChanged) return rendered?.changedOnDisk(paths);
        // the files' versions (and profiles) may have changed too: the status bar asks again
        announceVersion();
        rendered?.refreshAll();
      },
      versions: model.kubernetesVersions,
      profileNote,
    });
    // (runs after startServer returned, so the placement service below exists)
    diagnostics.moreFixes = (file, offset, uri) => {
      const profile = placement.profile(activeProfilePath(uri)).profile;
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

  /**
   * The target Kubernetes version of a document (the status bar shows it): the
   * setting when it names a supported version, else the `.daemonset-tools.yaml`
   * that applies to the document, else the newest (see ConfigService.versionFor).
   */
  const versionResult = (uri?: string): KubernetesVersionResult => {
    const { problem } = resolveTargetVersion(model, settings.kubernetesVersion);
    const choice = team?.configs.versionFor(uri ? filePath(uri) : undefined, settings.kubernetesVersion, model.kubernetesVersions) ?? { source: 'default' as const };
    const { version } = resolveTargetVersion(model, choice.version);
    return { version, source: choice.source, versions: model.kubernetesVersions, ...(choice.configFile ? { configFile: choice.configFile } : {}), ...(problem ? { problem } : {}) };
  };
  /** The target version a document is checked, completed and hovered against (undefined: the newest). */
  const targetVersion = (uri: string): string | undefined => diagnostics?.team.kubernetesVersion(filePath(uri), settings.kubernetesVersion) ?? (settings.kubernetesVersion || undefined);
  /**
   * Tells the client that the target version may have changed (new settings, a
   * configuration file changed): it asks again for its active document (it may
   * have asked before the settings arrived). The payload is the version of no document.
   */
  const announceVersion = () => {
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

  /** Charts rendered once for the preview and the rendered diagnostics alike (see chartRenders.ts). */
  const chartRenders = new ChartRenders({
    openText: (path) => documents.get(pathToFileURL(path).toString())?.getText(),
    trusted: () => trusted,
    helmPathSetting: () => settings.helmPath,
    helmConfig: (root) => {
      const config = team?.configs.forFile(join(root, 'Chart.yaml'));
      return config?.path ? { helm: config.helm, path: config.path } : undefined;
    },
  });

  const placement = new PlacementService((path) => checkProfilePath(path, access()));
  let refusedActiveProfile: string | undefined;
  /** A profile file the server may read, or undefined (the sample) when Restricted Mode refuses it (said once in the log, not at every keystroke). */
  const readable = (path: string): string | undefined => {
    const verdict = checkProfilePath(path, access());
    if (verdict.kind === 'allowed') return path;
    if (refusedActiveProfile !== path) connection.console.warn(verdict.message);
    refusedActiveProfile = path;
    return undefined;
  };
  /** The `profile:` of the `.daemonset-tools.yaml` that applies to a document (relative to that file), if readable. */
  const configuredProfilePath = (uri: string | undefined): string | undefined => {
    const configured = team?.configs.profileFor(uri ? filePath(uri) : undefined)?.profile;
    return configured ? readable(configured) : undefined;
  };
  /**
   * The cluster profile of a document for completion, hover and fixes: the
   * `daemonsetTools.activeProfile` setting, relative to the first workspace
   * folder, else the configuration file's; undefined means the sample.
   */
  const activeProfilePath = (uri: string | undefined): string | undefined => {
    const configured = settings.activeProfile;
    if (!configured) return configuredProfilePath(uri);
    return readable(isAbsolute(configured) || workspaceFolders.length === 0 ? configured : join(workspaceFolders[0], configured));
  };
  /**
   * A request's profile: the one it names (the client names the setting's),
   * else the configuration file's. Not the server's copy of the setting: the
   * client may ask before that copy is updated, and its answer wins.
   */
  const profileFor = (uri: string, requested: string | undefined): string | undefined => requested ?? configuredProfilePath(uri);
  /** For Show Effective Configuration: what the editor places on instead of the file's `profile:`, when it does. */
  function profileNote(path: string | undefined): string | undefined {
    const own = team?.configs.profileFor(path);
    if (!own || !path) return undefined;
    if (settings.activeProfile) return `daemonsetTools.activeProfile (${settings.activeProfile}) is used over profile (${own.profile})`;
    if (configuredProfilePath(pathToFileURL(path).toString()) === undefined) return `profile ${own.profile} is not read in Restricted Mode (outside the workspace folders): the built-in sample profile is used`;
    return undefined;
  }

  connection.onNotification(WorkspaceTrustNotificationMethod, (params: WorkspaceTrustParams) => {
    trusted = params.trusted === true;
    refusedActiveProfile = undefined;
    // the profile completion, hover and fixes use may change: check again
    diagnostics?.refreshAll();
    // charts may now render with helm (or must stop)
    rendered?.refreshAll();
  });

  connection.onNotification(VisibleRangesNotificationMethod, (params: VisibleRangesParams) => diagnostics?.setVisibleRanges(params.uri, params.ranges));

  connection.onRequest(ServerProcessRequestMethod, (): ServerProcessResult => ({ pid: process.pid, textJoins: SourceText.joins }));

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
      const profile = placement.profile(activeProfilePath(textDocument.uri)).profile;
      const extraValues = profile ? (context: Parameters<typeof profileCompletions>[1]) => profileCompletions(profile, context) : undefined;
      return complete(file, offset, model, { priorityClasses, extraValues, kubernetesVersion: targetVersion(textDocument.uri) }).map(toItem);
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
      const result = hover(file, offset, model, targetVersion(textDocument.uri));
      const note = profileHoverNote(file, offset, () => placement.profile(activeProfilePath(textDocument.uri)).profile);
      if (!result && !note) return null;
      const markdown = [note, result?.markdown].filter(Boolean).join('\n\n');
      return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: result ? file.lineIndex.range(result.start, result.end) : undefined };
    }, token),
  );

  connection.onRequest<KubernetesVersionResult, void>(KubernetesVersionRequestMethod, (params: KubernetesVersionParams | null, token: CancellationToken): KubernetesVersionResult =>
    guard<KubernetesVersionResult>(connection, 'kubernetesVersion', { version: model.kubernetesVersion, source: 'default', versions: model.kubernetesVersions }, () => versionResult(params?.uri), token),
  );

  /** The chart template a request is about, when its document is one (a template is placed as it renders). */
  const templateOf = (uri: string, token: CancellationToken): string | undefined =>
    guard(connection, 'placement', undefined, () => {
      const document = documents.get(uri);
      return document && isTemplateFile(models.get(document)) ? document.uri : undefined;
    }, token);

  /** What the view last received per document: the next answer sends only what changed (placementWire/placementAnswers.ts). */
  const placementAnswers = new PlacementAnswers((daemonSet) => placement.originOf(daemonSet));
  connection.onRequest<PlacementAnswer, void>(PlacementRequestMethod, (params: PlacementParams, token: CancellationToken): PlacementAnswer | Promise<PlacementAnswer> => {
    const failed: PlacementAnswer = { kind: 'error', message: 'the placement could not be computed (see the output log)' };
    // a template is placed as it renders: its masked text does not know what its actions write
    const profilePath = profileFor(params.uri, params.profilePath);
    const template = templateOf(params.uri, token);
    if (template) return guardAsync(connection, 'placement', failed, async () => placementAnswers.answer(params, await placeTemplate(template, profilePath, abortSignal(token))));
    if (token.isCancellationRequested) return failed;
    return guardAsync(connection, 'placement', failed, async () => {
      const current = () => {
        const document = documents.get(params.uri);
        return document && models.get(document);
      };
      const result = await placement.placeInSlices(current, profilePath);
      return placementAnswers.answer(params, result ?? { kind: 'error', message: 'the document is not open' });
    });
  });

  /** A chart template's DaemonSets placed, from the chart's shared rendering (the one its diagnostics and the chart preview use). */
  const placeTemplate = async (uri: string, profilePath: string | undefined, signal?: AbortSignal): Promise<PlacementResult> => {
    const path = filePath(uri);
    const chart = path ? chartFileRole(path, fileExists) : undefined;
    if (!path || chart?.role !== 'template') return { kind: 'error', message: UNRENDERABLE_TEMPLATE_MESSAGE };
    const outcome = await chartRenders.render(chart.chartRoot, rendered?.valuesFilesOf(chart.chartRoot), signal);
    return placeRenderedTemplate(outcome, path, (f) => placement.place(f, profilePath));
  };

  connection.onRequest<PlacementComparison, void>(ComparePlacementRequestMethod, (params: ComparePlacementParams, token: CancellationToken): PlacementComparison | Promise<PlacementComparison> => {
    const failed: PlacementComparison = { kind: 'error', message: 'the comparison could not be computed (see the output log)' };
    const before = { ...params.before, profilePath: profileFor(params.uri, params.before.profilePath) };
    const after = { ...params.after, profilePath: profileFor(params.uri, params.after.profilePath) };
    // a template's sides are its rendering on each profile (a side with a text of its own is plain YAML)
    const template = params.before.text === undefined && params.after.text === undefined ? templateOf(params.uri, token) : undefined;
    if (template) {
      return guardAsync(connection, 'comparePlacement', failed, async () => {
        const signal = abortSignal(token);
        const [placedBefore, placedAfter] = await Promise.all([placeTemplate(template, before.profilePath, signal), placeTemplate(template, after.profilePath, signal)]);
        return comparePlacements(before, placedBefore, after, placedAfter);
      });
    }
    return guard<PlacementComparison>(connection, 'comparePlacement', failed, () => {
      const document = documents.get(params.uri);
      return document ? placement.compare({ ...params, before, after }, models.get(document)) : { kind: 'error', message: 'the document is not open' };
    }, token);
  });

  const overlays = new OverlayService(placement, model, (path) => (diagnostics ? diagnostics.readFile(path) : undefined), () => ({
    engine: settings.kustomizeEngine,
    kubectlPath: trusted ? settings.kubectlPath : undefined,
  }));

  connection.onRequest(OverlayPlacementRequestMethod, (params: OverlayPlacementParams) =>
    guardAsync<OverlayPlacementResult>(connection, 'overlayPlacement', { kind: 'error', message: 'the overlay could not be placed (see the output log)' }, () => overlays.place({ ...params, profilePath: profileFor(params.uri, params.profilePath) })),
  );

  connection.onRequest(CompareOverlaysRequestMethod, (params: CompareOverlaysParams) =>
    guardAsync<PlacementComparison>(connection, 'compareOverlays', { kind: 'error', message: 'the overlays could not be compared (see the output log)' }, () => {
      // each side on the profile its own document would use, unless the request names one
      const side = (s: CompareOverlaysParams['before']) => ({ ...s, profilePath: s.profilePath ?? params.profilePath ?? configuredProfilePath(s.uri) });
      return overlays.compare({ ...params, before: side(params.before), after: side(params.after) });
    }),
  );

  const charts = new ChartService(placement, chartRenders);

  connection.onRequest(ChartPlacementRequestMethod, (params: ChartPlacementParams, token: CancellationToken) =>
    guardAsync<ChartPlacementResult>(connection, 'chartPlacement', { kind: 'error', message: 'the chart could not be placed (see the output log)' }, () => {
      // the diagnostics of the chart's rendering follow the values files the preview shows
      const path = filePath(params.uri);
      const chart = path ? chartFileRole(path, fileExists) : undefined;
      if (chart) rendered?.setValuesFiles(chart.chartRoot, params.valuesFiles);
      return charts.place({ ...params, profilePath: profileFor(params.uri, params.profilePath) }, abortSignal(token));
    }),
  );

  connection.onRequest(CompareValuesFilesRequestMethod, (params: CompareValuesFilesParams, token: CancellationToken) =>
    guardAsync<PlacementComparison>(connection, 'compareValuesFiles', { kind: 'error', message: 'the values files could not be compared (see the output log)' }, () => charts.compare({ ...params, profilePath: profileFor(params.uri, params.profilePath) }, abortSignal(token))),
  );

  connection.onRequest<NodeDetailsResult | null, void>(NodeDetailsRequestMethod, (params: NodeDetailsParams) => {
    const answer = guard<ReturnType<PlacementService['nodeDetails']>>(connection, 'nodeDetails', null, () => placement.nodeDetails(params));
    // a profile that cannot be read (or is refused in Restricted Mode) is an error the client can show
    return answer && 'error' in answer ? new ResponseError<void>(ErrorCodes.InvalidParams, answer.error) : answer;
  });

  documents.onDidClose(({ document }) => {
    models.delete(document.uri);
    placementAnswers.forget(document.uri);
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
