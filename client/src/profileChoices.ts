/**
 * The cluster profiles a user can pick: the built-in sample, the configured
 * globs, the `*.profile.*` files of the workspace and its other YAML files
 * that say `kind: ClusterProfile`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

export type ProfileChoice = vscode.QuickPickItem & { /** Workspace-relative path; '' for the built-in sample. */ value: string };

export async function profileChoices(): Promise<ProfileChoice[]> {
  const configured = vscode.workspace.getConfiguration('daemonsetTools').get<string[]>('clusterProfiles') ?? [];
  const found = await vscode.workspace.findFiles('**/*.profile.{yaml,yml,json}', '**/node_modules/**', 200);
  const globbed = (await Promise.all(configured.map((glob) => vscode.workspace.findFiles(glob, '**/node_modules/**', 200)))).flat();
  const files = [...new Map([...globbed, ...found, ...(await conciseProfiles())].map((uri) => [uri.fsPath, uri])).values()];
  return [
    { label: '$(beaker) Built-in sample profile', description: 'the scenarios of the DaemonSet guide', value: '' },
    ...files.map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), value: vscode.workspace.asRelativePath(uri) })),
  ];
}

const CONCISE = /^kind:[ \t]*["']?ClusterProfile["']?[ \t]*(#.*)?\r?$/m;

/** YAML files of the workspace written in the concise format whatever their name (the first 500 found, none over 5 MB, each read once per pick). */
async function conciseProfiles(): Promise<vscode.Uri[]> {
  const candidates = await vscode.workspace.findFiles('**/*.{yaml,yml}', '{**/node_modules/**,**/*.profile.*}', 500);
  const matches = await Promise.all(
    candidates.map(async (uri) => {
      try {
        if ((await vscode.workspace.fs.stat(uri)).size > 5 * 1024 * 1024) return undefined;
        return CONCISE.test(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) ? uri : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return matches.filter((uri): uri is vscode.Uri => uri !== undefined);
}
