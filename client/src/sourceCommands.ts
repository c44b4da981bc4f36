/**
 * The commands of built sources: Select Values Files (the values files a
 * chart renders with in the preview, remembered per chart), Compare Values
 * Files (the chart with two sets of values files) and Compare Overlays (what
 * two overlays, or a base and an overlay, build to). The server renders,
 * builds and compares; these pick and show. Each returns what it did (tests
 * read it) and explains itself when there is nothing to act on.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChartInfo, PlacementResult } from '../../server/src/protocol';
import { showComparison } from './comparison';
import type { PlacementController } from './placementView/placementController';

const NOT_A_CHART = 'Open a file of a Helm chart first (a template, a helpers file or a values file of a folder with a Chart.yaml).';

/** The chart of the active editor, asked of the server (undefined, said to the user, when there is none). */
async function activeChart(controller: PlacementController): Promise<ChartInfo | undefined> {
  await controller.refresh();
  const source = controller.tree.source;
  if (source?.kind === 'chart' && source.chart) return source.chart;
  void vscode.window.showInformationMessage(NOT_A_CHART);
  return undefined;
}

/** Values files after values.yaml, picked in a quick pick with check boxes (in the chart's order, as helm applies them). */
async function pickValuesFiles(chart: ChartInfo, title: string, picked: readonly string[]): Promise<string[] | undefined> {
  const choices = chart.availableValuesFiles.filter((file) => file !== 'values.yaml');
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(`The chart ${chart.name} has no values file besides values.yaml.`);
    return undefined;
  }
  const items = choices.map((label) => ({ label, picked: picked.includes(label) }));
  const chosen = await vscode.window.showQuickPick(items, { title, canPickMany: true, placeHolder: 'Applied after values.yaml, in this order (as helm template -f)' });
  return chosen?.map((item) => item.label);
}

const filesLabel = (files: readonly string[]) => ['values.yaml', ...files].join(', ');

/** The kustomization files of the workspace, as quick-pick entries named by their folder. */
async function overlayChoices(): Promise<Array<vscode.QuickPickItem & { uri: vscode.Uri }>> {
  const files = await vscode.workspace.findFiles('**/{kustomization.yaml,kustomization.yml,Kustomization}', '**/node_modules/**', 500);
  return files
    .map((uri) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.file(path.dirname(uri.fsPath))), description: path.basename(uri.fsPath), uri }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export function registerSourceCommands(controller: PlacementController): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('daemonsetTools.selectValuesFiles', async (files?: string[]): Promise<PlacementResult | undefined> => {
      const chart = await activeChart(controller);
      if (!chart) return undefined;
      // the files the chart renders with now are picked (the user's earlier choice, or the configuration's)
      const chosen = files ?? (await pickValuesFiles(chart, `Select Values Files of chart ${chart.name}`, chart.valuesFiles));
      if (!chosen) return undefined;
      await controller.selections.set(chart.rootUri, chosen);
      return controller.refresh();
    }),
    vscode.commands.registerCommand('daemonsetTools.compareValuesFiles', async (after?: string[], before?: string[]): Promise<string | undefined> => {
      const chart = await activeChart(controller);
      if (!chart) return undefined;
      const from = before ?? chart.valuesFiles.filter((file) => file !== 'values.yaml');
      const to = after ?? (await pickValuesFiles(chart, `Compare Values Files: ${filesLabel(from)} with…`, []));
      if (!to) return undefined;
      const comparison = await controller.compareValuesFiles({
        uri: `${chart.rootUri}/Chart.yaml`,
        before: { valuesFiles: from },
        after: { valuesFiles: to },
        profilePath: controller.profilePath(),
      });
      return showComparison(comparison, `chart ${chart.name}`);
    }),
    vscode.commands.registerCommand('daemonsetTools.compareOverlays', async (beforeUri?: string, afterUri?: string): Promise<string | undefined> => {
      const label = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.file(path.dirname(vscode.Uri.parse(uri).fsPath)));
      let from = beforeUri;
      let to = afterUri;
      if (from === undefined || to === undefined) {
        const choices = await overlayChoices();
        if (choices.length < 2) {
          void vscode.window.showInformationMessage('Compare Overlays needs two kustomizations in the workspace (a base and an overlay, or two overlays).');
          return undefined;
        }
        // the overlay the view shows comes first
        const shown = controller.tree.source?.kind === 'overlay' ? controller.tree.source.overlay?.kustomizationUri : undefined;
        const ordered = [...choices.filter((c) => c.uri.toString() === shown), ...choices.filter((c) => c.uri.toString() !== shown)];
        const first = await vscode.window.showQuickPick(ordered, { title: 'Compare Overlays (1/2)', placeHolder: 'The overlay (or base) to compare from' });
        if (!first) return undefined;
        const second = await vscode.window.showQuickPick(ordered.filter((c) => c !== first), { title: 'Compare Overlays (2/2)', placeHolder: `Compare ${first.label} with…` });
        if (!second) return undefined;
        from = first.uri.toString();
        to = second.uri.toString();
      }
      const comparison = await controller.compareOverlays({ before: { uri: from, label: label(from) }, after: { uri: to, label: label(to) }, profilePath: controller.profilePath() });
      return showComparison(comparison, 'overlays');
    }),
  ];
}
