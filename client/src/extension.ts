/**
 * Extension entry: starts the DaemonSet language server (dist/server.js) for
 * YAML documents, wires the placement preview, and returns a small API that
 * tests await instead of sleeping.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { PlacementResult, ServerInitializationOptions, ServerProcessResult, VisibleRangesParams, WorkspaceTrustParams } from '../../server/src/protocol';
import { ServerProcessRequestMethod, VisibleRangesNotificationMethod, WorkspaceTrustNotificationMethod } from '../../server/src/protocol';
import { SERVER_EXEC_ARGV } from '../../server/src/launchOptions';
import { registerCommands } from './commands';
import { registerGettingStartedCommands } from './gettingStarted';
import { KubernetesVersionStatus } from './kubernetesVersion';
import { HELPERS_PATTERN, PlacementController, VIEW_IDS } from './placementView/placementController';
import type { RenderedItem, ViewState } from './placementView/placementTree';
import { renderTree } from './placementView/placementTree';
import { ServerRestarts } from './serverRestarts';
import { logStartup } from './startupLog';
import { registerYamlExtensionCoexistence, syntaxErrorsMiddleware } from './yamlExtension/coexistence';
import { registerTeamCommands } from './teamCommands';

/** What activate() returns: tests and other extensions use it. */
export interface DaemonSetToolsApi {
  client: LanguageClient;
  /** Resolves once the server has answered `initialize`. */
  ready: Promise<void>;
  /** Asks for the active editor's placement now and resolves with what the view shows. */
  refreshPlacement(): Promise<PlacementResult | undefined>;
  /** What the placement view shows. */
  placement(): PlacementResult | undefined;
  /** The view's rendered items (labels and descriptions), `depth` levels deep. */
  renderedView(depth: number): Promise<RenderedItem[]>;
  /** The language server's process id (a restarted server has a new one). */
  serverPid(): Promise<number>;
  /** Which empty state the view shows ('ok' when it shows DaemonSets). */
  viewState(): ViewState;
  /** The target Kubernetes version the status bar shows (asks the server). */
  kubernetesVersion(): Promise<string | undefined>;
  /** The file VS Code writes the "DaemonSet Tools" output channel to (a log channel: `<logUri>/<channel name>.log`). */
  outputLogFile: vscode.Uri;
}

let client: LanguageClient | undefined;
/** The output channel's name (also the name of the file VS Code logs it to). */
const OUTPUT_NAME = 'DaemonSet Tools';

export function activate(context: vscode.ExtensionContext): DaemonSetToolsApi {
  const output = vscode.window.createOutputChannel(OUTPUT_NAME, { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // stdio, not ipc: the server encodes big answers (a big file's report after each keystroke) without copying them whole, see serverMain.ts
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      // chart templates as the Kubernetes extension marks them
      { scheme: 'file', language: 'helm' },
      { scheme: 'untitled', language: 'helm' },
      // a chart's helpers, plain text without the Kubernetes extension (read for their defines, never validated)
      { scheme: 'file', pattern: HELPERS_PATTERN },
    ],
    synchronize: { configurationSection: 'daemonsetTools' },
    // the client's defaults (pull on change), and again when an editor comes to the front: a change elsewhere (the team's .daemonset-tools.yaml,
    // a values file, a baseline) may have changed the findings of a manifest that was in a hidden tab
    diagnosticPullOptions: { onChange: true, onSave: false, onFocus: true },
    outputChannel: output,
    // a function: evaluated at every (re)start, so a restarted server learns the trust of now
    initializationOptions: (): ServerInitializationOptions => ({ trusted: vscode.workspace.isTrusted }),
    errorHandler: new ServerRestarts(),
    // YAML syntax errors are the YAML extension's where it reports them (yamlExtension/coexistence.ts)
    middleware: syntaxErrorsMiddleware,
  };
  const languageClient = new LanguageClient('daemonsetTools', 'DaemonSet Tools', serverOptions, clientOptions);
  client = languageClient;
  const controller = new PlacementController(languageClient, context.workspaceState);
  const views = VIEW_IDS.map((id) => vscode.window.createTreeView(id, { treeDataProvider: controller.tree }));
  controller.attachViews(views);
  const versionStatus = new KubernetesVersionStatus(languageClient);
  // (the controller asks for the placement whenever the client reaches Running: now and after a restart)
  const ready = languageClient.start();
  void ready.then(() => logStartup(output, languageClient.initializeResult?.serverInfo?.version), () => undefined);
  // what the editor shows of a big file is checked first
  const sendVisible = (editor: vscode.TextEditor) => {
    if (!languageClient.isRunning() || !['yaml', 'helm'].includes(editor.document.languageId)) return;
    const params: VisibleRangesParams = { uri: editor.document.uri.toString(), ranges: editor.visibleRanges.map((r) => languageClient.code2ProtocolConverter.asRange(r)) };
    void languageClient.sendNotification(VisibleRangesNotificationMethod, params);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorVisibleRanges(({ textEditor }) => sendVisible(textEditor)),
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach(sendVisible)),
    output,
    controller,
    versionStatus,
    ...views,
    vscode.languages.registerCodeLensProvider([{ language: 'yaml' }, { language: 'helm' }, { scheme: 'file', pattern: HELPERS_PATTERN }], controller),
    ...registerCommands(controller, output),
    ...registerGettingStartedCommands(context.extension.id),
    ...registerYamlExtensionCoexistence(context, output),
    ...registerTeamCommands(languageClient),
    { dispose: () => void client?.stop() },
    // Restricted Mode ends: the server may now read profiles outside the workspace
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (languageClient.isRunning()) await languageClient.sendNotification(WorkspaceTrustNotificationMethod, { trusted: true } satisfies WorkspaceTrustParams);
      await controller.refresh();
    }),
  );
  return {
    client: languageClient,
    ready,
    refreshPlacement: async () => {
      await ready;
      return controller.refresh();
    },
    placement: () => controller.tree.result,
    renderedView: (depth) => renderTree(controller.tree, depth),
    serverPid: async () => (await languageClient.sendRequest<ServerProcessResult>(ServerProcessRequestMethod)).pid,
    viewState: () => controller.tree.viewState(),
    kubernetesVersion: async () => {
      await ready;
      return (await versionStatus.update())?.version;
    },
    // where VS Code's extension host puts a log output channel (ExtHostOutputService: the extension's log folder, the channel's name)
    outputLogFile: vscode.Uri.joinPath(context.logUri, `${OUTPUT_NAME}.log`),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
