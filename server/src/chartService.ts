/**
 * The chart requests: the Helm chart a document belongs to (a template, a
 * helpers file, a values file, Chart.yaml) rendered by the shared chart
 * renders (chartRenders.ts: values files, options, engine, unsaved texts),
 * the DaemonSets it renders to placed, every DaemonSet and reason mapped back
 * to its template or values-file line.
 */
import { fileURLToPath } from 'node:url';
import type { ChartRenders } from './chartRenders';
import { chartFileRole, fileExists } from './helm/chart';
import { comparePlacements } from './placementComparison';
import type { PlacementService } from './placementService';
import type { ChartPlacementParams, ChartPlacementResult, CompareValuesFilesParams, PlacementComparison, PlacementResult } from './protocol';
import { RenderError } from './render/types';
import { placeRendered, sourceLocation } from './renderedPlacement';

export class ChartService {
  constructor(
    private readonly placement: PlacementService,
    /** The renders the chart's rendered diagnostics share. */
    private readonly renders: ChartRenders,
  ) {}

  /** The chart folder of a document, when it is a file of a chart. */
  chartRootOf(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    return chartFileRole(fileURLToPath(uri), fileExists)?.chartRoot;
  }

  /** `signal`: the request was cancelled (a running helm is stopped). */
  async place(params: ChartPlacementParams, signal?: AbortSignal): Promise<ChartPlacementResult> {
    const root = this.chartRootOf(params.uri);
    if (!root) return { kind: 'none' };
    const { render, error, info } = await this.renders.render(root, params.valuesFiles, signal);
    if (!render) {
      return { kind: 'error', message: error?.message ?? 'the chart could not be rendered', location: error instanceof RenderError ? sourceLocation(error.at) : undefined, chart: info };
    }
    const placed = placeRendered(render.documents, this.placement, params.profilePath);
    return 'kind' in placed ? { ...placed, chart: info } : { kind: 'ok', chart: info, ...placed };
  }

  async compare(params: CompareValuesFilesParams, signal?: AbortSignal): Promise<PlacementComparison> {
    const [before, after] = await Promise.all([params.before, params.after].map((side) => this.place({ uri: params.uri, profilePath: side.profilePath ?? params.profilePath, valuesFiles: side.valuesFiles }, signal)));
    const side = (result: ChartPlacementResult, label: string | undefined): { label: string; result: PlacementResult } => {
      if (result.kind === 'none') return { label: label ?? 'chart', result: { kind: 'error', message: 'the file is in no Helm chart' } };
      const name = label ?? (result.chart?.valuesFiles.join(', ') || 'no values file');
      return { label: name, result: result.kind === 'ok' ? { kind: 'ok', profile: result.profile, daemonSets: result.daemonSets } : { kind: 'error', message: result.message } };
    };
    const a = side(before, params.before.label);
    const b = side(after, params.after.label);
    return comparePlacements({ label: a.label }, a.result, { label: b.label }, b.result);
  }
}
