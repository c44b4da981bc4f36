/** The command-palette commands (category "DaemonSet"). */
import * as vscode from 'vscode';
import { placeReport } from '../../server/src/placementReport';
import type { PlacementResult } from '../../server/src/protocol';
import type { PlacementController } from './placementView/placementController';
import { registerComparisonCommands } from './comparison';
import { registerCaptureCommand } from './kubectlCapture';
import { profileChoices } from './profileChoices';
import { registerSourceCommands } from './sourceCommands';

const NO_DAEMONSET = 'The active editor holds no DaemonSet: open a manifest with `kind: DaemonSet` first.';

const PROFILE_TEMPLATE = `# A cluster profile for the DaemonSet placement preview.
# nodePools are groups of identical nodes named <pool>-1 … <pool>-<count>.
kind: ClusterProfile
metadata:
  name: my-cluster
nodePools:
  - name: worker
    count: 3
    labels: {node.kubernetes.io/instance-type: m5.xlarge}
    allocatable: {cpu: "4", memory: 16Gi, ephemeral-storage: 100Gi, pods: 110}
    used: {cpu: "1", memory: 4Gi, pods: 20}     # what already runs on each node
nodes:
  - name: control-plane-1
    labels: {node-role.kubernetes.io/control-plane: ""}
    taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]
    allocatable: {cpu: "2", memory: 8Gi, pods: 110}
`;

function hasDaemonSets(result: PlacementResult | undefined): result is Extract<PlacementResult, { kind: 'ok' }> {
  return result?.kind === 'ok' && result.daemonSets.length > 0;
}

/** The placement report in the `place --format json` shape (or Markdown). */
export function placementReport(result: Extract<PlacementResult, { kind: 'ok' }>, file: string, format: 'json' | 'markdown'): string {
  if (format === 'json') {
    const daemonSets = result.daemonSets.map((ds) => ({ ...ds, file, line: ds.range.start.line + 1 }));
    return JSON.stringify(placeReport({ name: result.profile.name, nodes: result.profile.nodes }, daemonSets), null, 2);
  }
  const lines = [`# DaemonSet placement on ${result.profile.name} (${result.profile.nodes} nodes)`];
  for (const ds of result.daemonSets) {
    lines.push('', `## ${ds.namespace}/${ds.name}`, '', `Runs on ${ds.summary.runs} of ${ds.nodes.length} nodes · ${ds.summary.pending} pending · ${ds.summary.excluded} not scheduled`, '', '| node | status | reasons |', '| --- | --- | --- |');
    for (const node of ds.nodes) lines.push(`| ${node.name} | ${node.status} | ${node.reasons.map((r) => `${r.code}: ${r.message}`).join('<br>').replace(/\|/g, '\\|')} |`);
  }
  return lines.join('\n');
}

export function registerCommands(controller: PlacementController, output: vscode.OutputChannel): vscode.Disposable[] {
  /** Whether the active editor holds a DaemonSet; says so when it does not. */
  const requireDaemonSet = async (): Promise<boolean> => {
    const result = await controller.refresh();
    if (hasDaemonSets(result)) return true;
    void vscode.window.showInformationMessage(result?.kind === 'error' ? result.message : NO_DAEMONSET);
    return false;
  };
  return [
    ...registerComparisonCommands(controller, requireDaemonSet),
    ...registerSourceCommands(controller),
    registerCaptureCommand(),
    vscode.commands.registerCommand('daemonsetTools.groupByPool', () => controller.tree.setView({ groupBy: 'pool' })),
    vscode.commands.registerCommand('daemonsetTools.groupByStatus', () => controller.tree.setView({ groupBy: 'status' })),
    vscode.commands.registerCommand('daemonsetTools.clearFilter', () => controller.tree.setView({ filter: '' })),
    vscode.commands.registerCommand('daemonsetTools.filterNodes', async (text?: string) => {
      const filter = text ?? (await vscode.window.showInputBox({ title: 'Filter Nodes', prompt: 'Node name, pool, label (key=value), taint, status or reason code; empty shows every node', value: controller.tree.filter }));
      if (filter !== undefined) controller.tree.setView({ filter });
    }),
    vscode.commands.registerCommand('daemonsetTools.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('daemonsetTools.refreshPlacement', () => controller.refresh()),
    vscode.commands.registerCommand('daemonsetTools.cancelRendering', () => controller.cancelRendering()),
    vscode.commands.registerCommand('daemonsetTools.previewPlacement', async () => {
      if (await requireDaemonSet()) await vscode.commands.executeCommand('daemonsetTools.placement.focus');
    }),
    vscode.commands.registerCommand('daemonsetTools.revealReason', async (uri: vscode.Uri, range: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
      const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false });
      const selection = new vscode.Selection(range.start.line, range.start.character, range.end.line, range.end.character);
      editor.selection = selection;
      editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    vscode.commands.registerCommand('daemonsetTools.selectProfile', async () => {
      const items = await profileChoices();
      const picked = await vscode.window.showQuickPick(items, { title: 'Select Cluster Profile', placeHolder: 'The cluster the placement preview simulates' });
      if (!picked) return;
      await vscode.workspace.getConfiguration('daemonsetTools').update('activeProfile', picked.value || undefined, vscode.ConfigurationTarget.Workspace);
      await controller.refresh();
    }),
    vscode.commands.registerCommand('daemonsetTools.rolloutEstimate', async () => {
      const result = await controller.refresh();
      if (!hasDaemonSets(result)) {
        void vscode.window.showInformationMessage(NO_DAEMONSET);
        return undefined;
      }
      const text = result.daemonSets.map((ds) => `${ds.namespace}/${ds.name} on ${result.profile.name}: ${ds.rollout.summary}`).join('\n');
      void vscode.window.showInformationMessage(text, { modal: false });
      return text;
    }),
    vscode.commands.registerCommand('daemonsetTools.createProfile', async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: PROFILE_TEMPLATE });
      await vscode.window.showTextDocument(document);
      void vscode.window.showInformationMessage('Save it as <name>.profile.yaml, then pick it with "DaemonSet Tools: Select Cluster Profile".');
    }),
    vscode.commands.registerCommand('daemonsetTools.exportReport', async (format?: 'json' | 'markdown') => {
      const result = await controller.refresh();
      const editor = vscode.window.activeTextEditor;
      if (!hasDaemonSets(result) || !editor) {
        void vscode.window.showInformationMessage(NO_DAEMONSET);
        return undefined;
      }
      const chosen = format ?? (await vscode.window.showQuickPick(['json', 'markdown'], { title: 'Export Placement Report' }));
      if (chosen !== 'json' && chosen !== 'markdown') return undefined;
      const content = placementReport(result, vscode.workspace.asRelativePath(editor.document.uri), chosen);
      const document = await vscode.workspace.openTextDocument({ language: chosen, content });
      await vscode.window.showTextDocument(document, { preview: false });
      return content;
    }),
  ];
}
