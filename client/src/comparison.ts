/**
 * Compare Profiles (the active DaemonSet on two cluster profiles) and Compare
 * with Git HEAD (the committed manifest and the editor's text on the active
 * profile): the server compares, this renders the answer side by side as
 * Markdown.
 */
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { NodeChange, PlacementComparison, PlacementSide } from '../../server/src/protocol';
import type { PlacementController } from './placementView/placementController';
import { profileChoices } from './profileChoices';

const STATUS: Record<NonNullable<NodeChange['before']>, string> = { runs: 'runs', pending: 'pending', excluded: 'not scheduled' };
const cell = (text: string) => text.replace(/\|/g, '\\|');

export function comparisonMarkdown(comparison: Extract<PlacementComparison, { kind: 'ok' }>): string {
  const before = `${comparison.before.label} (${comparison.before.profile})`;
  const after = `${comparison.after.label} (${comparison.after.profile})`;
  const lines = [`# Placement: ${before} → ${after}`];
  if (comparison.daemonSets.length === 0) lines.push('', 'No DaemonSet on either side.');
  for (const ds of comparison.daemonSets) {
    const count = (side: typeof ds.before, key: 'runs' | 'pending' | 'excluded' | 'nodes') => (side ? String(side[key]) : '—');
    lines.push('', `## ${ds.namespace}/${ds.name}`, '', `| | ${cell(before)} | ${cell(after)} |`, '| --- | --- | --- |');
    for (const [label, key] of [['runs', 'runs'], ['pending', 'pending'], ['not scheduled', 'excluded'], ['nodes', 'nodes']] as const) lines.push(`| ${label} | ${count(ds.before, key)} | ${count(ds.after, key)} |`);
    if (!ds.before || !ds.after) {
      lines.push('', `Only in ${ds.before ? before : after}.`);
      continue;
    }
    if (ds.changes.length === 0) {
      lines.push('', 'Every node keeps its verdict.');
      continue;
    }
    lines.push('', `${ds.changes.length} node${ds.changes.length === 1 ? '' : 's'} change:`, '', `| node | ${cell(before)} | ${cell(after)} | why |`, '| --- | --- | --- | --- |');
    for (const change of ds.changes) {
      const status = (s: NodeChange['before']) => (s ? STATUS[s] : 'absent');
      lines.push(`| ${cell(change.node)} | ${status(change.before)} | ${status(change.after)} | ${cell(change.reasons.join('; '))} |`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * Comparisons are written as Markdown files in the temp folder: the preview
 * renders them (it does not render untitled or virtual documents everywhere),
 * and closing one never asks to save anything.
 */
const reportsDir = path.join(os.tmpdir(), 'daemonset-tools-comparisons');
let shown = 0;

async function show(controller: PlacementController, before: PlacementSide, after: PlacementSide): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const comparison = await controller.compare({ uri: editor.document.uri.toString(), before, after });
  return showComparison(comparison, path.basename(editor.document.uri.path));
}

/**
 * Shows a comparison the server answered (of profiles, of Git HEAD, of values
 * files, of overlays) side by side; returns its Markdown, or undefined after
 * saying why there is none. `subject` names the report file.
 */
export async function showComparison(comparison: PlacementComparison, subject: string): Promise<string | undefined> {
  if (comparison.kind === 'error') {
    void vscode.window.showErrorMessage(`DaemonSet comparison: ${comparison.message}`);
    return undefined;
  }
  const content = comparisonMarkdown(comparison);
  const name = `${subject} ${comparison.before.label} vs ${comparison.after.label} ${process.pid}-${++shown}.md`.replace(/[^\w. -]+/g, '-');
  const uri = vscode.Uri.file(path.join(reportsDir, name));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  // Rendered, the tables read side by side; the Markdown source when the built-in preview is not there.
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }
  return content;
}

export const COMPARE_WITH_HEAD_UNTRUSTED = 'Compare with Git HEAD runs git, which obeys the repository\'s own configuration (and can run programs it names): trust this workspace first.';

/** The committed text of a file (`git show HEAD:./name` in its folder), or an error message. */
async function headText(file: string): Promise<{ text?: string; error?: string }> {
  try {
    const { stdout } = await promisify(execFile)('git', ['show', `HEAD:./${path.basename(file)}`], { cwd: path.dirname(file), maxBuffer: 64 * 1024 * 1024 });
    return { text: stdout };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return { error: 'git is not installed (or not on the PATH).' };
    const stderr = (error as { stderr?: string | Buffer }).stderr?.toString().trim() ?? '';
    return { error: `the file has no committed version in Git HEAD${stderr ? ` (${stderr.split('\n')[0]})` : ''}.` };
  }
}

/**
 * Registers both commands. Each returns the Markdown it showed (tests read it)
 * and explains itself when there is nothing to compare. `requireDaemonSet`
 * says so when the active editor holds no DaemonSet.
 */
export function registerComparisonCommands(controller: PlacementController, requireDaemonSet: () => Promise<boolean>): vscode.Disposable[] {
  const activeLabel = () => {
    const configured = vscode.workspace.getConfiguration('daemonsetTools').get<string>('activeProfile');
    return configured ? path.basename(configured) : 'built-in sample';
  };
  return [
    vscode.commands.registerCommand('daemonsetTools.compareProfiles', async (other?: string) => {
      if (!(await requireDaemonSet())) return undefined;
      let value = other;
      if (value === undefined) {
        const picked = await vscode.window.showQuickPick(profileChoices(), { title: 'Compare Profiles', placeHolder: `Compare the placement on ${activeLabel()} with…` });
        if (!picked) return undefined;
        value = picked.value;
      }
      return show(controller, { label: activeLabel(), profilePath: controller.profilePath() }, { label: value ? path.basename(value) : 'built-in sample', profilePath: controller.profilePath(value) });
    }),
    vscode.commands.registerCommand('daemonsetTools.compareWithHead', async () => {
      // git obeys the repository's own .git/config, which can name programs for it to run (core.fsmonitor,
      // for one): not in an untrusted workspace. The command's enablement says the same to the palette.
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showErrorMessage(COMPARE_WITH_HEAD_UNTRUSTED);
        return undefined;
      }
      if (!(await requireDaemonSet())) return undefined;
      // (focus may be on a view or the walkthrough: the placement shown is then the last editor's, but there is no file to compare)
      const document = vscode.window.activeTextEditor?.document;
      if (document?.uri.scheme !== 'file') {
        void vscode.window.showInformationMessage('Compare with Git HEAD needs a saved file in a Git repository.');
        return undefined;
      }
      const head = await headText(document.uri.fsPath);
      if (head.text === undefined) {
        void vscode.window.showInformationMessage(`Compare with Git HEAD: ${head.error ?? ''}`);
        return undefined;
      }
      const profilePath = controller.profilePath();
      return show(controller, { label: 'HEAD', text: head.text, profilePath }, { label: document.isDirty ? 'unsaved' : 'working copy', profilePath });
    }),
  ];
}
