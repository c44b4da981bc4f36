/**
 * Built sources in the placement preview: when the active document is a file
 * of a Helm chart (template, helpers, values file) or of a Kustomize overlay
 * (kustomization, patch), the view shows what the chart renders to or the
 * overlay builds to. The server decides what a file is and builds it; this
 * only asks (chart first, then overlay; `none` from both means a plain
 * document) and labels the answer.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ChartInfo, ChartPlacementParams, ChartPlacementResult, OverlayInfo, OverlayPlacementParams, OverlayPlacementResult, PlacementResult } from '../../../server/src/protocol';
import { ChartPlacementRequestMethod, OverlayPlacementRequestMethod } from '../../../server/src/protocol';

/** What built the DaemonSets the view shows (absent for a plain manifest). */
export type ViewSource =
  | { kind: 'chart'; label: string; chart?: ChartInfo }
  | { kind: 'overlay'; label: string; overlay?: OverlayInfo };

/** `chart node-agent (values.yaml, values-prod.yaml)`, `overlay prod`. */
export function chartLabel(chart: ChartInfo): string {
  return `chart ${chart.name}${chart.valuesFiles.length ? ` (${chart.valuesFiles.join(', ')})` : ''}`;
}

/**
 * The values files chosen per chart (Select Values Files), kept in the
 * workspace state; and which chart each document belongs to, learnt from the
 * server's answers (so a refresh sends the chart's selection at once). A
 * chart without a choice renders with the `helm.values` of its
 * `.daemonset-tools.yaml` (values.yaml alone without them); a choice, even of
 * no file beyond values.yaml, wins over them.
 */
export class ValuesSelections {
  private static readonly KEY = 'daemonsetTools.valuesFiles';
  private readonly chartOfDocument = new Map<string, string>();

  constructor(private readonly state: vscode.Memento) {}

  /** The values files chosen for a chart (after values.yaml), by the chart folder's uri; undefined when none were chosen. */
  get(rootUri: string): string[] | undefined {
    return this.state.get<Record<string, string[]>>(ValuesSelections.KEY, {})[rootUri];
  }

  /** Remembers a choice (an empty one too: values.yaml alone); undefined forgets it (the configuration's values files apply again). */
  async set(rootUri: string, files: string[] | undefined): Promise<void> {
    const all = { ...this.state.get<Record<string, string[]>>(ValuesSelections.KEY, {}) };
    if (files) all[rootUri] = files;
    else delete all[rootUri];
    await this.state.update(ValuesSelections.KEY, all);
  }

  /** The chart folder's uri of a document, once the server has said it. */
  chartOf(uri: string): string | undefined {
    return this.chartOfDocument.get(uri);
  }

  learn(uri: string, rootUri: string | undefined): void {
    if (rootUri === undefined) this.chartOfDocument.delete(uri);
    else this.chartOfDocument.set(uri, rootUri);
  }
}

/** A built answer in the view's shape: the DaemonSets, or the error with where it happened. */
function asPlacement(result: Exclude<ChartPlacementResult | OverlayPlacementResult, { kind: 'none' }>, label: string): PlacementResult {
  if (result.kind === 'ok') return { kind: 'ok', profile: result.profile, daemonSets: result.daemonSets };
  const at = result.location ? ` (${vscode.workspace.asRelativePath(vscode.Uri.parse(result.location.uri))}:${result.location.range.start.line + 1})` : '';
  return { kind: 'error', message: `${label}: ${result.message}${at}`, cause: result.cause };
}

/**
 * Asks whether the document is a file of a chart or an overlay and, if so,
 * for what it builds to on the profile; undefined for any other document.
 */
export async function placeSource(client: LanguageClient, document: vscode.TextDocument, profilePath: string | undefined, selections: ValuesSelections, token?: vscode.CancellationToken): Promise<{ result: PlacementResult; source: ViewSource } | undefined> {
  if (document.uri.scheme !== 'file') return undefined;
  const uri = document.uri.toString();
  // (cancelling stops the render on the server: a running helm template is killed)
  const ask = (valuesFiles: string[] | undefined) => client.sendRequest<ChartPlacementResult>(ChartPlacementRequestMethod, { uri, profilePath, valuesFiles } satisfies ChartPlacementParams, token);
  const knownRoot = selections.chartOf(uri);
  let chart = await ask(knownRoot === undefined ? undefined : selections.get(knownRoot));
  const root = chart.kind === 'none' ? undefined : chart.chart?.rootUri;
  selections.learn(uri, root);
  // the first look at a document of a chart: its chart's selection was not known yet
  if (root !== undefined && knownRoot === undefined && selections.get(root) !== undefined) chart = await ask(selections.get(root));
  if (chart.kind !== 'none') {
    const info = chart.chart;
    const label = info ? chartLabel(info) : 'chart';
    return { result: asPlacement(chart, label), source: { kind: 'chart', label, chart: info } };
  }
  const overlay = await client.sendRequest<OverlayPlacementResult>(OverlayPlacementRequestMethod, { uri, profilePath } satisfies OverlayPlacementParams, token);
  if (overlay.kind === 'none') return undefined;
  const info = overlay.overlay;
  const label = `overlay ${info?.name ?? ''}`.trim();
  return { result: asPlacement(overlay, label), source: { kind: 'overlay', label, overlay: info } };
}

/** The warnings of the engine that built the view's DaemonSets. */
export function sourceWarnings(source: ViewSource | undefined): string[] {
  if (!source) return [];
  return (source.kind === 'chart' ? source.chart?.warnings : source.overlay?.warnings) ?? [];
}

/** The code lenses at the top of a chart's or overlay's file: `overlay prod: runs on 41 of 48 nodes · …`. */
export function sourceLensTitles(source: ViewSource, result: PlacementResult): string[] {
  if (result.kind === 'error') return [`${source.label}: not built (see the placement view)`];
  if (result.daemonSets.length === 0) return [`${source.label}: no DaemonSet`];
  const many = result.daemonSets.length > 1;
  return result.daemonSets.map((ds) => `${source.label}${many ? ` · ${ds.name}` : ''}: runs on ${ds.summary.runs} of ${ds.nodes.length} nodes · ${ds.summary.pending} pending · ${ds.summary.excluded} not scheduled (profile ${result.profile.name})`);
}
