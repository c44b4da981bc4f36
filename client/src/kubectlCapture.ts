/**
 * Capture Cluster Profile from kubectl: runs `kubectl get nodes,pods -A -o json`
 * for the current context or one the user picks, with progress and cancel,
 * and saves what it prints as a profile file (the kubectl format `place`
 * reads). kubectl runs with the user's credentials, so only in a trusted
 * workspace.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** What the command did (returned for tests and other extensions). */
export interface CaptureResult {
  saved?: string;
  error?: string;
}

interface KubectlRun {
  stdout: string;
  stderr: string;
  code: number | null;
}

class KubectlMissing extends Error {}

function kubectlPath(): string {
  return vscode.workspace.getConfiguration('daemonsetTools').get<string>('kubectlPath') || 'kubectl';
}

/** Runs kubectl to completion (or until the token cancels it: the process is killed). */
function kubectl(args: string[], token?: vscode.CancellationToken): Promise<KubectlRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectlPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const cancel = token?.onCancellationRequested(() => child.kill());
    child.on('error', (error: NodeJS.ErrnoException) => {
      cancel?.dispose();
      reject(error.code === 'ENOENT' ? new KubectlMissing() : error);
    });
    child.on('close', (code) => {
      cancel?.dispose();
      resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8').trim(), code });
    });
  });
}

async function pickContext(): Promise<string | undefined> {
  const [contexts, current] = await Promise.all([kubectl(['config', 'get-contexts', '-o', 'name']), kubectl(['config', 'current-context'])]);
  if (contexts.code !== 0) throw new Error(`kubectl config get-contexts failed: ${contexts.stderr || `exit ${contexts.code}`}`);
  const names = contexts.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  if (names.length === 0) throw new Error('kubectl has no contexts: configure access to a cluster first (kubeconfig).');
  const currentName = current.code === 0 ? current.stdout.trim() : '';
  const items = [...names].sort((a, b) => Number(b === currentName) - Number(a === currentName)).map((name) => ({ label: name, description: name === currentName ? 'current context' : undefined }));
  return (await vscode.window.showQuickPick(items, { title: 'Capture Cluster Profile from kubectl', placeHolder: 'The cluster to capture' }))?.label;
}

/** A file name from a context name (`arn:aws:eks:…/prod` → `prod.profile.json`). */
function defaultFileName(context: string): string {
  return `${context.split('/').pop()!.replace(/[^A-Za-z0-9._-]+/g, '-') || 'cluster'}.profile.json`;
}

async function capture(options: { context?: string; target?: string; activate?: boolean }): Promise<CaptureResult> {
  if (!vscode.workspace.isTrusted) return { error: 'Capturing a profile runs kubectl with your credentials: trust this workspace first.' };
  const context = options.context ?? (await pickContext());
  if (!context) return {};
  const run = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Capturing nodes and pods of ${context}`, cancellable: true },
    (_progress, token) => kubectl(['get', 'nodes,pods', '-A', '-o', 'json', '--context', context], token).then((result) => ({ ...result, cancelled: token.isCancellationRequested })),
  );
  if (run.cancelled) return { error: 'Capture cancelled.' };
  if (run.code !== 0) return { error: `kubectl get nodes,pods failed: ${run.stderr || `exit ${run.code}`}` };
  let parsed: { kind?: unknown; items?: unknown };
  try {
    parsed = JSON.parse(run.stdout) as { kind?: unknown; items?: unknown };
  } catch {
    return { error: 'kubectl printed something that is not JSON.' };
  }
  if (parsed.kind !== 'List' || !Array.isArray(parsed.items)) return { error: 'kubectl did not print a List of nodes and pods.' };
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  let target = options.target ? vscode.Uri.file(path.isAbsolute(options.target) || !folder ? options.target : path.join(folder.fsPath, options.target)) : undefined;
  if (!target) {
    const suggested = folder ? vscode.Uri.joinPath(folder, defaultFileName(context)) : undefined;
    target = await vscode.window.showSaveDialog({ defaultUri: suggested, filters: { 'Cluster profile': ['json'] }, title: 'Save the captured cluster profile' });
    if (!target) return {};
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(run.stdout, 'utf8'));
  const relative = vscode.workspace.asRelativePath(target, false);
  const use = options.activate ?? (await vscode.window.showInformationMessage(`Saved ${relative} (${parsed.items.length} objects).`, 'Use it for the placement preview')) !== undefined;
  if (use) await vscode.workspace.getConfiguration('daemonsetTools').update('activeProfile', relative, vscode.ConfigurationTarget.Workspace);
  return { saved: target.fsPath };
}

export function registerCaptureCommand(): vscode.Disposable {
  return vscode.commands.registerCommand('daemonsetTools.captureProfile', async (options: { context?: string; target?: string; activate?: boolean } = {}): Promise<CaptureResult> => {
    let result: CaptureResult;
    try {
      result = await capture(options);
    } catch (error) {
      result = { error: error instanceof KubectlMissing ? `kubectl was not found (${kubectlPath()}): install it, or set daemonsetTools.kubectlPath.` : error instanceof Error ? error.message : String(error) };
    }
    if (result.error) void vscode.window.showErrorMessage(result.error);
    return result;
  });
}
