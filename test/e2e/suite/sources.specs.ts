/**
 * Charts and overlays in a real VS Code: a chart template of examples/ opens
 * without error squiggles and completes inside a `with` block; the placement
 * view, the code lens and the status bar show what the chart renders to;
 * Select Values Files moves nodes between groups; a Kustomize patch opens
 * without squiggles and shows its overlay's placement (view, code lens,
 * status bar); a slow helm template
 * shows progress and Cancel Rendering stops it; a chart file written on disk
 * (not open) moves the view.
 */
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DaemonSetToolsApi } from '../../../client/src/extension';
import type { PlacementResult } from '../../../server/src/protocol';
import { activateExtension, clickRendered, eventually, processGone, screenshot, SHOWN_QUICK_PICK, waitForQuickPick, waitForRendered, workspaceUri } from './helpers';
import { suiteConfig } from './index';

const TEMPLATE = 'charts/disk-monitor/templates/daemonset.yaml';
const PATCH = 'kustomize/overlays/gpu/gpu-nodes.yaml';

const statusOf = (result: PlacementResult | undefined, node: string) => (result?.kind === 'ok' ? result.daemonSets[0]?.nodes.find((n) => n.name === node)?.status : undefined);
const errors = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
const lensTitles = async (uri: vscode.Uri) => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)).map((l) => l.command?.title ?? '');

/** Waits until the view shows the placement `wanted` accepts (the answer to the active editor, asked again while it is not there). */
function placementWhere(api: DaemonSetToolsApi, wanted: (result: PlacementResult | undefined) => boolean, what: string): Promise<PlacementResult> {
  return eventually(async () => {
    const result = await api.refreshPlacement();
    return wanted(result) ? result : undefined;
  }, what);
}

describe('Charts and overlays in the placement preview (real VS Code)', () => {
  after(async () => {
    // the next specs start from no remembered values files
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(TEMPLATE)));
    await vscode.commands.executeCommand('daemonsetTools.selectValuesFiles', []);
  });

  it('opens a chart template without error squiggles and completes a key inside a `with` block', async () => {
    await activateExtension();
    const document = await vscode.workspace.openTextDocument(workspaceUri(TEMPLATE));
    const editor = await vscode.window.showTextDocument(document);
    // the template's diagnostics have arrived once its (certain) privileged warning is there
    await eventually(() => (vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'privileged') ? true : undefined), 'the template\'s diagnostics');
    assert.deepEqual(errors(document.uri).map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
    // a new line at the pod spec's keys, inside `{{- with .Values.priorityClassName }}`
    const line = document.getText().split('\n').findIndex((l) => l.includes('priorityClassName: {{ . }}'));
    await editor.edit((edit) => edit.insert(new vscode.Position(line + 1, 0), '      \n'));
    const position = new vscode.Position(line + 1, 6);
    const labels = await eventually(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      const found = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return found.includes('serviceAccountName') ? found : undefined;
    }, 'pod spec keys completed inside the with block');
    assert.ok(labels.includes('hostNetwork') && labels.includes('dnsPolicy'), labels.join(', '));
    assert.ok(!labels.includes('containers'), 'keys already written are not offered');
    await editor.edit((edit) => edit.delete(new vscode.Range(line + 1, 0, line + 2, 0)));
    await document.save();
  });

  it('shows the chart\'s DaemonSet in the view, the code lens and the status bar, and opens its template', async () => {
    const api = await activateExtension();
    const document = await vscode.workspace.openTextDocument(workspaceUri(TEMPLATE));
    await vscode.window.showTextDocument(document);
    const result = await placementWhere(api, (r) => r?.kind === 'ok' && r.daemonSets[0]?.name === 'release-name-disk-monitor', 'the chart\'s DaemonSet');
    assert.equal(statusOf(result, 'platform-1'), 'runs');
    assert.equal(statusOf(result, 'gpu-1'), 'excluded', 'values.yaml tolerates no taint');
    const [ds] = await api.renderedView(2);
    assert.equal(ds.label, 'default/release-name-disk-monitor');
    assert.deepEqual(ds.children.map((g) => g.label), ['Runs (3)', 'Pending (1)', 'Not scheduled (5)']);
    assert.deepEqual(await lensTitles(document.uri), ['chart disk-monitor (values.yaml): runs on 3 of 9 nodes · 1 pending · 5 not scheduled (profile guide-cluster)']);
    // clicking the DaemonSet opens where it is defined: the template's first line
    assert.ok(ds.command, 'the DaemonSet item opens its source');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('charts/disk-monitor/values.yaml')));
    await vscode.commands.executeCommand(ds.command.command, ...((ds.command.arguments ?? []) as unknown[]));
    const opened = vscode.window.activeTextEditor;
    assert.equal(opened?.document.uri.fsPath, document.uri.fsPath);
    assert.equal(opened.selection.start.line, 0);
  });

  it('moves nodes between groups when Select Values Files picks values-gpu.yaml, and reasons open the values file', async () => {
    const api = await activateExtension();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(TEMPLATE)));
    await placementWhere(api, (r) => statusOf(r, 'gpu-1') === 'excluded', 'the chart on values.yaml');
    const pending = vscode.commands.executeCommand<PlacementResult | undefined>('daemonsetTools.selectValuesFiles');
    if (suiteConfig().shotsDir) {
      // the quick pick as the user sees it: a check box per values file (values.yaml always applies first)
      await waitForQuickPick('Select Values Files', (label) => label.includes('values-gpu.yaml'));
      assert.ok(await clickRendered(`${SHOWN_QUICK_PICK} .quick-input-list .monaco-list-row`, 'values-gpu.yaml'));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    } else {
      // without the harness nothing can tick a box: close the pick and choose through the command's argument
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await pending;
      await vscode.commands.executeCommand('daemonsetTools.selectValuesFiles', ['values-gpu.yaml']);
    }
    await pending;
    const gpu = await placementWhere(api, (r) => statusOf(r, 'gpu-1') === 'runs', 'the chart on values-gpu.yaml');
    assert.equal(statusOf(gpu, 'platform-1'), 'excluded', 'values-gpu.yaml selects the GPU nodes only');
    const [ds] = await api.renderedView(3);
    const group = (label: string) => ds.children.find((g) => g.label.startsWith(label))?.children.map((n) => n.label) ?? [];
    assert.deepEqual(group('Runs'), ['gpu-1', 'gpu-2']);
    assert.ok(group('Not scheduled').includes('platform-1'), group('Not scheduled').join(', '));
    const document = vscode.window.activeTextEditor!.document;
    await eventually(async () => ((await lensTitles(document.uri)).some((t) => t.startsWith('chart disk-monitor (values.yaml, values-gpu.yaml): runs on 2 of 9 nodes')) ? true : undefined), 'the code lens to name the values files');
    if (suiteConfig().shotsDir) {
      // for the picture: the view wide enough for its labels, no panel, the code lens as rendered
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await vscode.commands.executeCommand('daemonsetTools.placement.focus');
      for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.increaseViewSize').then(undefined, () => undefined);
      await waitForRendered('.part.sidebar .monaco-list-row', (text) => text.includes('release-name-disk-monitor'), 'the chart in the rendered view');
      await vscode.window.showTextDocument(document);
      await waitForRendered('.monaco-editor .codelens-decoration', (text) => text.includes('values-gpu.yaml'), 'the rendered code lens naming values-gpu.yaml');
      await screenshot('chart-placement');
    }
    // a node-selector reason leads to the values-file line that wrote the label
    const reason = gpu.kind === 'ok' ? gpu.daemonSets[0].nodes.find((n) => n.name === 'platform-1')?.reasons.find((r) => r.code === 'NodeSelectorMismatch') : undefined;
    const location = (reason as { location?: { uri: string; range: vscode.Range } } | undefined)?.location;
    assert.ok(location, 'the reason has a source location');
    await vscode.commands.executeCommand('daemonsetTools.revealReason', vscode.Uri.parse(location.uri), location.range);
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith('/values-gpu.yaml'), editor.document.uri.path);
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /nvidia\.com\/gpu\.present/);
    // and the choice is remembered for the chart
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('charts/disk-monitor/templates/_helpers.tpl')));
    await placementWhere(api, (r) => statusOf(r, 'gpu-1') === 'runs', 'the helpers file showing the chart with the remembered values files');
  });

  it('compares the chart with two sets of values files', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(TEMPLATE)));
    const markdown = await vscode.commands.executeCommand<string>('daemonsetTools.compareValuesFiles', ['values-everywhere.yaml'], []);
    assert.match(markdown, /^# Placement: values\.yaml \(guide-cluster\) → values\.yaml, values-everywhere\.yaml \(guide-cluster\)/);
    assert.match(markdown, /\| control-plane-1 \| not scheduled \| runs \|/);
  });

  it('stops a slow helm template with Cancel Rendering: the process is killed and the view says so', async () => {
    const api = await activateExtension();
    const bin = mkdtempSync(join(tmpdir(), 'dst-e2e-helm-'));
    const pidFile = join(bin, 'pid');
    const helm = join(bin, 'helm');
    // a helm that never answers in time: it writes its process id and sleeps
    writeFileSync(helm, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 30\n`);
    chmodSync(helm, 0o755);
    const settings = vscode.workspace.getConfiguration('daemonsetTools');
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(TEMPLATE)));
      await settings.update('helmPath', helm, vscode.ConfigurationTarget.Workspace);
      // the new setting renders the open chart with helm (its diagnostics, the view)
      const pid = await eventually(() => (existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() ? Number(readFileSync(pidFile, 'utf8')) : undefined), 'helm template to start');
      // the view's request waits for that same rendering (one helm run per chart and texts)
      const answer = api.refreshPlacement();
      // (the refresh sends its request once the client is ready: cancel once it is on the wire)
      await eventually(async () => ((await vscode.commands.executeCommand<boolean>('daemonsetTools.cancelRendering')) ? true : undefined), 'a rendering on the wire to cancel');
      const result = await answer;
      assert.equal(result?.kind, 'error');
      assert.match(result?.kind === 'error' ? result.message : '', /^chart disk-monitor \(values\.yaml[^)]*\): helm template was cancelled \(its process was stopped\)/);
      await processGone(pid, 'the helm process to be gone');
      const shown = api.placement();
      assert.match(shown?.kind === 'error' ? shown.message : '', /helm template was cancelled/, 'the view says why it shows no nodes');
    } finally {
      await settings.update('helmPath', undefined, vscode.ConfigurationTarget.Workspace);
      rmSync(bin, { recursive: true, force: true });
    }
    await placementWhere(api, (r) => r?.kind === 'ok', 'the built-in engine again');
  });

  it('follows a file of the chart written on disk that no editor has open', async () => {
    const api = await activateExtension();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(TEMPLATE)));
    await placementWhere(api, (r) => r?.kind === 'ok' && r.daemonSets.length === 1, 'the chart\'s one DaemonSet');
    const extra = workspaceUri('charts/disk-monitor/templates/extra-daemonset.yaml').fsPath;
    const names = (r: PlacementResult | undefined) => (r?.kind === 'ok' ? r.daemonSets.map((d) => d.name).sort().join() : '');
    try {
      // another tool (a checkout) writes a template: the view shows its DaemonSet without an edit or a refresh
      writeFileSync(extra, 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}-extra\nspec:\n  selector:\n    matchLabels: {app: extra}\n  template:\n    metadata:\n      labels: {app: extra}\n    spec:\n      containers:\n        - name: extra\n          image: registry.example.com/extra:1.0\n');
      await eventually(() => (names(api.placement()) === 'release-name-disk-monitor,release-name-extra' ? true : undefined), 'the written template\'s DaemonSet in the view');
    } finally {
      rmSync(extra, { force: true });
    }
    await eventually(() => (names(api.placement()) === 'release-name-disk-monitor' ? true : undefined), 'the deleted template\'s DaemonSet gone from the view');
  });

  it('opens a Kustomize patch without squiggles and shows its overlay\'s placement', async () => {
    const api = await activateExtension();
    const document = await vscode.workspace.openTextDocument(workspaceUri(PATCH));
    await vscode.window.showTextDocument(document);
    const result = await placementWhere(api, (r) => r?.kind === 'ok' && r.daemonSets[0]?.name === 'metrics-exporter-gpu', 'the overlay\'s DaemonSet');
    assert.equal(statusOf(result, 'gpu-1'), 'runs');
    // the view's items, the code lens and the status bar show what the overlay builds to
    const [ds] = await api.renderedView(2);
    assert.equal(ds.label, 'monitoring/metrics-exporter-gpu');
    assert.deepEqual(ds.children.map((g) => g.label), ['Runs (2)', 'Pending (0)', 'Not scheduled (7)']);
    assert.deepEqual(await lensTitles(document.uri), ['overlay gpu: runs on 2 of 9 nodes · 0 pending · 7 not scheduled (profile guide-cluster)']);
    await waitForRendered('.statusbar-item', (text) => text.includes('overlay gpu · guide-cluster: runs on 2/9'), 'the status bar item of the overlay');
    // a patch is checked as a patch: a mistake in it is underlined, nothing is missing from the partial DaemonSet
    const editor = vscode.window.activeTextEditor!;
    const line = document.getText().split('\n').findIndex((l) => l.trim() === 'nodeSelector:');
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), '      hostNetwerk: true\n'));
    await eventually(() => (vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'unknown-field') ? true : undefined), 'the patch\'s diagnostics');
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri).map((d) => d.code), ['unknown-field']);
    await editor.edit((edit) => edit.delete(new vscode.Range(line, 0, line + 1, 0)));
    await eventually(() => (vscode.languages.getDiagnostics(document.uri).length === 0 ? true : undefined), 'no squiggle in the patch');
    await document.save();
    const markdown = await vscode.commands.executeCommand<string>('daemonsetTools.compareOverlays', workspaceUri('kustomize/base/kustomization.yaml').toString(), workspaceUri('kustomize/overlays/gpu/kustomization.yaml').toString());
    assert.match(markdown, /^# Placement: kustomize\/base \(guide-cluster\) → kustomize\/overlays\/gpu \(guide-cluster\)/);
    assert.match(markdown, /\| gpu-1 \| not scheduled \| runs \|/);
  });
});
