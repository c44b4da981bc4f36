/** Writes the output channel's first line (what it says: startupLine.ts). */
import * as vscode from 'vscode';
import { startupLine } from './startupLine';

/** Writes the start-up line once the server has answered `initialize`. */
export function logStartup(output: vscode.LogOutputChannel, serverVersion: string | undefined): void {
  const settings = vscode.workspace.getConfiguration('daemonsetTools');
  output.info(startupLine({ profile: settings.get<string>('activeProfile') || undefined, configuredVersion: settings.get<string>('kubernetesVersion') || undefined, serverVersion }));
}
