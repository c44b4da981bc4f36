/**
 * Extension entry: starts the DaemonSet language server (dist/server.js) for
 * YAML documents and returns a small API that tests await instead of sleeping.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

/** What activate() returns: tests and other extensions use it. */
export interface DaemonSetToolsApi {
  client: LanguageClient;
  /** Resolves once the server has answered `initialize`. */
  ready: Promise<void>;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): DaemonSetToolsApi {
  const output = vscode.window.createOutputChannel('DaemonSet Tools', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'daemonsetTools' },
    outputChannel: output,
  };
  client = new LanguageClient('daemonsetTools', 'DaemonSet Tools', serverOptions, clientOptions);
  const ready = client.start();
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('daemonsetTools.showOutput', () => output.show(true)),
    { dispose: () => void client?.stop() },
  );
  return { client, ready };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
