/**
 * The README's pictures (scripts/readmePictures.mjs lists them and what each
 * shows), taken in a workbench with nothing else open: workspace files only
 * (no untitled tabs), the placement view in a side bar wide enough to read
 * node labels and reasons. Under `npm run screenshots` they go to docs/images
 * with the frames of the animation (typing a toleration moves a node from
 * Not scheduled to Runs); in the other runs they are test artifacts and the
 * specs still check what each picture is meant to show.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlacementResult } from '../../../server/src/protocol';
import { activateExtension, clickRendered, eventually, recordFrame, screenshot, waitForRendered, workspaceUri } from './helpers';
import { suiteConfig } from './index';

const SIDEBAR_ROWS = '.part.sidebar .monaco-list-row';
const SUGGESTIONS = '.suggest-widget .monaco-list-row';
const WEBVIEW_BODY = 'body.vscode-body';
/** The toleration typed in the animation (on a new line above the first one), in the pieces a frame is taken after. */
const TOLERATION = ['        - ', 'key: ', 'node-role', '.kubernetes.io', '/control-plane', '\n          ', 'operator: ', 'Exists'];

const originals = new Map<string, string>();
/** How many resize steps widen the side bar (from its default width to about 40% of the 1440 px window). */
const SIDE_BAR_STEPS = 4;

async function open(name: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(name));
  if (!originals.has(name)) originals.set(name, document.getText());
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  // one tab: the file the picture is about (the others are saved as they were, so closing asks nothing)
  await vscode.commands.executeCommand('workbench.action.closeOtherEditors');
  return { document, editor };
}

/** Puts the workspace files back as they were and saves them (the later specs read them, and Git HEAD must match). */
async function restoreAll(): Promise<void> {
  for (const [name, text] of originals) {
    const document = await vscode.workspace.openTextDocument(workspaceUri(name));
    if (document.getText() === text && !document.isDirty) continue;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
    await vscode.workspace.applyEdit(edit);
    await document.save();
  }
}

function statusOf(result: PlacementResult | undefined, node: string): string | undefined {
  return result?.kind === 'ok' ? result.daemonSets[0]?.nodes.find((n) => n.name === node)?.status : undefined;
}

describe('The README\'s pictures in a real VS Code', () => {
  before(async () => {
    await activateExtension();
    for (const command of ['workbench.action.closeAuxiliaryBar', 'workbench.action.closePanel', 'workbench.action.closeAllEditors']) {
      await vscode.commands.executeCommand(command).then(undefined, () => undefined);
    }
    // the placement view, wide enough to read each node's pool, labels and taints:
    // "Decrease Editor Width" (60 px a step) gives the side bar what the editor loses
    await vscode.commands.executeCommand('daemonsetTools.placement.focus');
    await open('fluentd.yaml');
    for (let step = 0; step < SIDE_BAR_STEPS; step++) {
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    }
  });

  after(async () => {
    await restoreAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('completion: container keys in the suggest widget', async () => {
    const { document, editor } = await open('fluentd.yaml');
    const imageLine = document.getText().split('\n').findIndex((line) => line.includes('image: quay.io'));
    await editor.edit((edit) => edit.insert(new vscode.Position(imageLine + 1, 0), '          \n'));
    const position = new vscode.Position(imageLine + 1, 10);
    await eventually(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      return list.items.some((item) => item.label === 'livenessProbe') ? true : undefined;
    }, 'container key completion');
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await waitForRendered(SUGGESTIONS, (text) => text.includes('livenessProbe'), 'the suggest widget');
    await screenshot('completion');
    await vscode.commands.executeCommand('hideSuggestWidget');
    await restoreAll();
  });

  it('hover: the docs of tolerations', async () => {
    const { document, editor } = await open('fluentd.yaml');
    const line = document.getText().split('\n').findIndex((l) => l.includes('tolerations:'));
    const position = new vscode.Position(line, 9);
    await eventually(async () => ((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)).length ? true : undefined), 'hover');
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand('editor.action.showHover');
    await waitForRendered('.monaco-hover', (text) => text.includes('spec.template.spec.tolerations'), 'the hover');
    await screenshot('hover');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
  });

  it('placement: typing a toleration moves control-plane-1 from Not scheduled to Runs (the animation), then a node\'s reasons', async () => {
    const api = await activateExtension();
    const { document, editor } = await open('fluentd-taint.yaml');
    const first = await eventually(async () => {
      const result = await api.refreshPlacement();
      return statusOf(result, 'control-plane-1') === 'excluded' ? result : undefined;
    }, 'the first placement');
    const runs = first?.kind === 'ok' ? first.daemonSets[0].summary.runs : 0;
    await vscode.commands.executeCommand('daemonsetTools.previewPlacement');
    await vscode.window.showTextDocument(document);
    await waitForRendered(SIDEBAR_ROWS, (text) => text.startsWith('control-plane-1'), 'control-plane-1 under Not scheduled');
    await waitForRendered(SIDEBAR_ROWS, (text) => text.startsWith(`Runs (${runs})`), 'the Runs group');
    await waitForRendered('.monaco-editor .codelens-decoration', (text) => text.includes(`runs on ${runs} of 9`), 'the code lens');
    await recordFrame(6);

    // as a user starts: a new line under `tolerations:`
    const line = document.getText().split('\n').findIndex((l) => l.trim() === 'tolerations:') + 1;
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), '\n'));
    let at = new vscode.Position(line, 0);
    for (const piece of TOLERATION) {
      await editor.edit((edit) => edit.insert(at, piece));
      const lines = piece.split('\n');
      at = lines.length > 1 ? new vscode.Position(at.line + lines.length - 1, lines.at(-1)!.length) : at.translate(0, piece.length);
      editor.selection = new vscode.Selection(at, at);
      await api.refreshPlacement();
      await recordFrame(piece.includes('control-plane') ? 3 : 1);
    }
    await eventually(() => (statusOf(api.placement(), 'control-plane-1') === 'runs' ? true : undefined), 'control-plane-1 to run');
    await waitForRendered(SIDEBAR_ROWS, (text) => text.startsWith(`Runs (${runs + 1})`), 'one more node under Runs');
    await waitForRendered(SIDEBAR_ROWS, (text) => text.startsWith('control-plane-1'), 'control-plane-1 under Runs');
    await waitForRendered('.monaco-editor .codelens-decoration', (text) => text.includes(`runs on ${runs + 1} of 9`), 'the code lens after the edit');
    await recordFrame(12);

    // the still picture: a node that does not run, opened to show why
    // (on a loaded machine a late refresh may redraw the tree under the click: then it is clicked again)
    if (suiteConfig().shotsDir) {
      await eventually(async () => {
        if (!(await clickRendered(SIDEBAR_ROWS, 'gpu-1'))) return undefined;
        return waitForRendered(SIDEBAR_ROWS, (text) => text.includes('UntoleratedTaint'), 'the reason of gpu-1', 10_000).then(() => true, () => undefined);
      }, 'gpu-1 opened to show its reason', 90_000);
    }
    await vscode.window.showTextDocument(document);
    await screenshot('placement');
  });

  it('profile completion: the taints of the profile\'s nodes', async () => {
    const { document, editor } = await open('fluentd-taint.yaml');
    const keyLine = document.getText().split('\n').findIndex((l) => l.includes('- key: app'));
    const end = new vscode.Position(keyLine, document.lineAt(keyLine).text.length);
    editor.selection = new vscode.Selection(end.translate(0, -3), end);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await waitForRendered(SUGGESTIONS, (text) => /taint on \d+ of 9 nodes/.test(text), 'the profile completion in the suggest widget');
    await screenshot('profile-completion');
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  it('compare: what the unsaved toleration moves, against Git HEAD', async () => {
    await open('fluentd-taint.yaml');
    const markdown = await vscode.commands.executeCommand<string>('daemonsetTools.compareWithHead');
    assert.match(markdown, /\| control-plane-1 \| not scheduled \| runs \|/);
    const rendered = (text: string) => text.includes('1 node change') && text.includes('control-plane-1');
    await waitForRendered(WEBVIEW_BODY, rendered, 'the rendered comparison');
    await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup').then(undefined, () => undefined);
    await waitForRendered(WEBVIEW_BODY, rendered, 'the comparison after the layout change');
    await screenshot('compare');
    await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup').then(undefined, () => undefined);
  });
});
