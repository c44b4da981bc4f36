/**
 * Keeps the placement preview in step with the editor: asks the server (one
 * typed custom request) when the active editor, its text (debounced, one request at a time) or the
 * profile changes, or a file of the chart shown changes on disk (a checkout),
 * and feeds the tree, the code lenses and the status bar. A slow answer (a
 * chart rendered by `helm template`) shows progress in the view and the
 * status bar, and Cancel Rendering stops it (the server kills helm).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import { PlacementRequests } from '../../../server/src/placementWire/placementRequests';
import type { CompareOverlaysParams, ComparePlacementParams, CompareValuesFilesParams, NodeDetailsParams, NodeDetailsResult, PlacementAnswer, PlacementComparison, PlacementResult } from '../../../server/src/protocol';
import { CompareOverlaysRequestMethod, ComparePlacementRequestMethod, CompareValuesFilesRequestMethod, NodeDetailsRequestMethod, PLACEMENT_DEBOUNCE_MS, PlacementRequestMethod } from '../../../server/src/protocol';
import { PlacementTree } from './placementTree';
import type { ViewState } from './placementTree';
import type { ViewSource } from './sources';
import { placeSource, sourceLensTitles, ValuesSelections } from './sources';

/** The views that show the placement (the activity bar's and the Explorer's). */
export const VIEW_IDS: readonly string[] = ['daemonsetTools.placement', 'daemonsetTools.placementExplorer'];

/** The language ids the server serves: YAML, and chart templates as the Kubernetes extension marks them. */
export const SERVED_LANGUAGES: readonly string[] = ['yaml', 'helm'];

/** Chart helpers (`templates/_helpers.tpl`), plain text without the Kubernetes extension: served too, for the chart they belong to. */
export const HELPERS_PATTERN = '**/templates/**/*.tpl';

/** How long an answer may take before the view shows progress (most answer within a keystroke's time). */
const PROGRESS_DELAY_MS = 300;

/** Whether the server has the document: a served language, or a chart's helpers file. */
export function isServed(document: vscode.TextDocument): boolean {
  return SERVED_LANGUAGES.includes(document.languageId) || (document.uri.scheme === 'file' && /\/templates\/(.*\/)?[^/]*\.tpl$/i.test(document.uri.path));
}

export class PlacementController implements vscode.CodeLensProvider, vscode.Disposable {
  readonly tree: PlacementTree;
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  /** The request on the wire, whether the text changed again since it was sent, and the debounce timer. */
  private inFlight: Promise<unknown> | undefined;
  private stale = false;
  private timer: NodeJS.Timeout | undefined;
  /** Numbers the requests: an answer overtaken by a newer request is not rendered. */
  private sequence = 0;
  private watcher: vscode.FileSystemWatcher | undefined;
  /** Watches the folder of the chart the view shows: a file changed on disk (git checkout) asks again. */
  private sourceWatcher: { rootUri: string; watcher: vscode.FileSystemWatcher } | undefined;
  /** Cancels the request on the wire (Cancel Rendering). */
  private cancellation: vscode.CancellationTokenSource | undefined;
  private pending: Promise<PlacementResult | undefined> = Promise.resolve(undefined);

  /** The values files chosen per chart (Select Values Files). */
  readonly selections: ValuesSelections;
  /** The last answers: a request after a keystroke brings only what changed (see placementWire/placementRequests.ts). */
  private readonly requests: PlacementRequests;

  constructor(private readonly client: LanguageClient, state: vscode.Memento) {
    this.selections = new ValuesSelections(state);
    this.requests = new PlacementRequests((params) => this.client.sendRequest<PlacementAnswer>(PlacementRequestMethod, params));
    this.tree = new PlacementTree((node) => {
      // the profile the view shows (the server may have taken it from the .daemonset-tools.yaml above the file)
      const shown = this.tree.result?.kind === 'ok' ? this.tree.result.profile.path : undefined;
      const params: NodeDetailsParams = { node, profilePath: shown ?? this.profilePath() };
      // a profile the server cannot read (or refuses in Restricted Mode): the view already says why
      return this.client.sendRequest<NodeDetailsResult | null>(NodeDetailsRequestMethod, params).catch(() => null);
    });
    this.status.command = 'daemonsetTools.selectProfile';
    this.disposables.push(
      this.status,
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.schedule();
        // a chart or an overlay is built from several files: an edit of another one (a values file, a patch) counts too
        else if (this.tree.source && event.contentChanges.length && event.document.uri.scheme === 'file' && isServed(event.document)) this.schedule();
      }),
      // a restarted server (after a crash): ask again, so the view recovers without a keystroke
      this.client.onDidChangeState((event) => {
        if (event.newState === State.Running) void this.refresh();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('daemonsetTools')) {
          this.watchProfile();
          void this.refresh();
        }
      }),
    );
    this.watchProfile();
  }

  /**
   * A profile file (the active one by default: `daemonsetTools.activeProfile`),
   * workspace-relative or absolute. Undefined: the server decides, with the
   * `profile:` of the `.daemonset-tools.yaml` above the file, else the built-in sample.
   */
  profilePath(configured = vscode.workspace.getConfiguration('daemonsetTools').get<string>('activeProfile')): string | undefined {
    if (!configured) return undefined;
    if (path.isAbsolute(configured)) return configured;
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? path.join(folder.uri.fsPath, configured) : configured;
  }

  private watchedProfile: string | undefined;

  /** Watches the profile shown (the setting's, or the one the server took from the configuration file): an edit to it places again. */
  private watchProfile(profile = this.profilePath()): void {
    if (profile === this.watchedProfile && this.watcher) return;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.watchedProfile = profile;
    if (!profile) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(profile)), path.basename(profile)));
    this.watcher.onDidChange(() => void this.refresh());
    this.watcher.onDidCreate(() => void this.refresh());
    this.disposables.push(this.watcher);
  }

  /**
   * On a keystroke: debounced by a short quiet period when no request is on
   * the wire, else once more when it returns. The view follows typing as fast
   * as the server answers, with never more than one request queued.
   */
  private schedule(): void {
    if (this.inFlight) {
      this.stale = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), PLACEMENT_DEBOUNCE_MS);
  }

  /** Asks the server for the active editor's placement and renders it. */
  refresh(): Promise<PlacementResult | undefined> {
    clearTimeout(this.timer);
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isServed(editor.document)) {
      // Focus moved to a view or a non-text editor (a walkthrough): keep what is shown, unless no editor is open at all.
      if (!editor && vscode.window.tabGroups.all.some((group) => group.tabs.length > 0)) return this.pending;
      this.render(undefined, undefined);
      return Promise.resolve(undefined);
    }
    const document = editor.document;
    const uri = document.uri;
    const profilePath = this.profilePath();
    const sequence = ++this.sequence;
    const latest = () => sequence === this.sequence;
    this.cancellation?.dispose();
    const cancellation = (this.cancellation = new vscode.CancellationTokenSource());
    const ask = async (): Promise<{ result: PlacementResult; source?: ViewSource }> => {
      // a file of a chart or an overlay shows what it builds to; any other document its own DaemonSets
      const built = await placeSource(this.client, document, profilePath, this.selections, cancellation.token);
      if (built) return built;
      return { result: await this.requests.request(uri.toString(), profilePath) };
    };
    this.pending = ask().then(
      ({ result, source }) => {
        if (latest() && vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.render(uri, result, source);
        return result;
      },
      (error: unknown) => {
        const result: PlacementResult = { kind: 'error', message: `placement failed: ${String(error)}` };
        if (latest()) this.render(uri, result);
        return result;
      },
    );
    const request = this.pending;
    this.inFlight = request;
    this.showProgress(request);
    void request.finally(() => {
      if (this.cancellation === cancellation) this.cancellation = undefined;
      cancellation.dispose();
      if (this.inFlight !== request) return;
      this.inFlight = undefined;
      if (this.stale) {
        this.stale = false;
        void this.refresh();
      }
    });
    return this.pending;
  }

  /**
   * Cancel Rendering: stops the answer on the wire (the server kills a
   * running `helm template`); the view then says it was cancelled. False
   * when nothing was being asked.
   */
  cancelRendering(): boolean {
    if (!this.cancellation) return false;
    this.cancellation.cancel();
    return true;
  }

  /** Progress in the views and the status bar for an answer slower than a keystroke, with Cancel Rendering in the view's title. */
  private showProgress(request: Promise<unknown>): void {
    let shown = false;
    const timer = setTimeout(() => {
      shown = true;
      void vscode.commands.executeCommand('setContext', 'daemonsetTools.rendering', true);
      const done = request.then(() => undefined, () => undefined);
      for (const view of VIEW_IDS) void vscode.window.withProgress({ location: { viewId: view } }, () => done);
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'DaemonSet placement: rendering…' }, () => done);
    }, PROGRESS_DELAY_MS);
    void request.finally(() => {
      clearTimeout(timer);
      if (shown) void vscode.commands.executeCommand('setContext', 'daemonsetTools.rendering', false);
    });
  }

  /** Watches the folder of the chart the view shows (files not open in an editor change on disk too), and nothing else. */
  private watchSource(source: ViewSource | undefined): void {
    const rootUri = source?.kind === 'chart' ? source.chart?.rootUri : undefined;
    if (this.sourceWatcher?.rootUri === rootUri) return;
    this.sourceWatcher?.watcher.dispose();
    this.sourceWatcher = undefined;
    if (!rootUri) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.parse(rootUri), '**/*'));
    const changed = (uri: vscode.Uri) => {
      // an open document's edits reach the view as edits already
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty)) return;
      this.schedule();
    };
    watcher.onDidChange(changed);
    watcher.onDidCreate(changed);
    watcher.onDidDelete(changed);
    this.sourceWatcher = { rootUri, watcher };
  }

  /** Asks the server to compare two placements of a document. */
  compare(params: ComparePlacementParams): Promise<PlacementComparison> {
    return this.client.sendRequest<PlacementComparison>(ComparePlacementRequestMethod, params);
  }

  /** Asks the server to compare a chart rendered with two sets of values files. */
  compareValuesFiles(params: CompareValuesFilesParams): Promise<PlacementComparison> {
    return this.client.sendRequest<PlacementComparison>(CompareValuesFilesRequestMethod, params);
  }

  /** Asks the server to compare what two overlays (or a base and an overlay) build to. */
  compareOverlays(params: CompareOverlaysParams): Promise<PlacementComparison> {
    return this.client.sendRequest<PlacementComparison>(CompareOverlaysRequestMethod, params);
  }

  /** The tree views that show the placement (Explorer and the activity-bar container). */
  private views: Array<vscode.TreeView<unknown>> = [];

  /** Shows the view's state on these views: the welcome content picks the empty state's action, the description says why. */
  attachViews(views: Array<vscode.TreeView<unknown>>): void {
    this.views = views;
    this.showViewState();
  }

  private showViewState(): void {
    const state: ViewState = this.tree.viewState();
    void vscode.commands.executeCommand('setContext', 'daemonsetTools.viewState', state);
    void vscode.commands.executeCommand('setContext', 'daemonsetTools.source', this.tree.source?.kind ?? 'manifest');
    // The reason goes in the view's description: a message would hide the welcome content (and its buttons).
    const result = this.tree.result;
    const reason = result?.kind === 'error' ? result.message : undefined;
    // a chart or an overlay: the title bar names it (and its values files)
    for (const view of this.views) view.description = reason ?? this.tree.source?.label;
  }

  private render(uri: vscode.Uri | undefined, result: PlacementResult | undefined, source?: ViewSource): void {
    this.tree.update(uri, result, source);
    this.watchSource(source);
    if (result?.kind === 'ok' && result.profile.path) this.watchProfile(result.profile.path);
    this.showViewState();
    this.lensesChanged.fire();
    const built = source ? `${source.label} · ` : '';
    if (result?.kind === 'ok' && result.daemonSets.length) {
      const total = result.daemonSets.reduce((sum, ds) => ({ runs: sum.runs + ds.summary.runs, nodes: sum.nodes + ds.nodes.length }), { runs: 0, nodes: 0 });
      this.status.text = `$(server-environment) ${built}${result.profile.name}: runs on ${total.runs}/${total.nodes}`;
      this.status.tooltip = `DaemonSet placement${source ? ` of ${source.label}` : ''} on the active cluster profile — click to switch profile`;
      this.status.show();
    } else if (result?.kind === 'ok') {
      this.status.text = `$(server-environment) ${built}${result.profile.name}`;
      this.status.show();
    } else {
      this.status.hide();
    }
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const result = this.tree.result;
    if (!result || this.tree.uri?.toString() !== document.uri.toString()) return [];
    const source = this.tree.source;
    if (source) {
      // at the top of the file: what the whole chart or overlay builds to (clicking a chart's picks its values files)
      const command = source.kind === 'chart' && source.chart ? 'daemonsetTools.selectValuesFiles' : 'daemonsetTools.previewPlacement';
      const lenses = sourceLensTitles(source, result).map((title) => new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command }));
      // editing a values file the preview does not apply would change nothing in it: say so where the user types
      const chart = source.kind === 'chart' ? source.chart : undefined;
      const own = chart ? path.relative(vscode.Uri.parse(chart.rootUri).fsPath, document.uri.fsPath).split(path.sep).join('/') : undefined;
      if (chart && own && chart.availableValuesFiles.includes(own) && !chart.valuesFiles.includes(own)) {
        lenses.push(new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: `${own} is not applied: Select Values Files`, command: 'daemonsetTools.selectValuesFiles' }));
      }
      return lenses;
    }
    if (result.kind !== 'ok') return [];
    return result.daemonSets.map((ds) => {
      const range = new vscode.Range(ds.range.start.line, 0, ds.range.start.line, 0);
      const title = `runs on ${ds.summary.runs} of ${ds.nodes.length} nodes · ${ds.summary.pending} pending · ${ds.summary.excluded} not scheduled (profile ${result.profile.name})`;
      return new vscode.CodeLens(range, { title, command: 'daemonsetTools.previewPlacement' });
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.sourceWatcher?.watcher.dispose();
    this.cancellation?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
