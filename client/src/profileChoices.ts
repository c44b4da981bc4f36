/** The cluster profiles a user can pick: the built-in sample, the configured globs and the `*.profile.*` files of the workspace. */
import * as path from 'node:path';
import * as vscode from 'vscode';

export type ProfileChoice = vscode.QuickPickItem & { /** Workspace-relative path; '' for the built-in sample. */ value: string };

export async function profileChoices(): Promise<ProfileChoice[]> {
  const configured = vscode.workspace.getConfiguration('daemonsetTools').get<string[]>('clusterProfiles') ?? [];
  const found = await vscode.workspace.findFiles('**/*.profile.{yaml,yml,json}', '**/node_modules/**', 200);
  const globbed = (await Promise.all(configured.map((glob) => vscode.workspace.findFiles(glob, '**/node_modules/**', 200)))).flat();
  const files = [...new Map([...globbed, ...found].map((uri) => [uri.fsPath, uri])).values()];
  return [
    { label: '$(beaker) Built-in sample profile', description: 'the scenarios of the DaemonSet guide', value: '' },
    ...files.map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), value: vscode.workspace.asRelativePath(uri) })),
  ];
}
