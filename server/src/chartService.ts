/**
 * The chart requests: renders the Helm chart a document belongs to (a
 * template, a helpers file, a values file, Chart.yaml) with the chosen values
 * files, the editor's unsaved text over the files on disk, places the
 * DaemonSets it renders to and maps every DaemonSet and reason back to its
 * template or values-file line.
 */
import { readdirSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chartFileRole, fileExists, isValuesFileName } from './helm/chart';
import type { ChartFiles } from './helm/render/chartFiles';
import { readChart } from './helm/render/chartFiles';
import { RenderCache, diskChartReader, renderChartForEditor } from './helm/chartFindings';
import { renderChart } from './helm/render';
import { comparePlacements } from './placementComparison';
import type { PlacementService } from './placementService';
import type { ChartInfo, ChartPlacementParams, ChartPlacementResult, CompareValuesFilesParams, PlacementComparison, PlacementResult } from './protocol';
import { RenderError, type RenderResult } from './render/types';
import { placeRendered, sourceLocation } from './renderedPlacement';

export interface ChartEngineSettings {
  /** Set only in a trusted workspace with `daemonsetTools.helmPath` configured: the server may run it. */
  helmPath?: string;
}

/** `helm template` may take long on a big chart; the preview does not wait longer than this. */
const HELM_TIMEOUT_MS = 20_000;

/** The values files of a chart, relative to its folder: values.yaml first, the others by name, then ci/*.yaml (chart-testing's). */
export function chartValuesFiles(root: string): string[] {
  const names = (dir: string) => {
    try {
      return readdirSync(join(root, dir), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    } catch {
      return [];
    }
  };
  const top = names('').filter(isValuesFileName).sort((a, b) => (a === 'values.yaml' ? -1 : b === 'values.yaml' ? 1 : a.localeCompare(b)));
  const ci = names('ci').filter((n) => /\.ya?ml$/i.test(n)).sort().map((n) => `ci/${n}`);
  return [...top, ...ci];
}

/**
 * The chart folder read from disk with every open document's text in place
 * of its file (templates, helpers, values.yaml, subcharts'), and whether any
 * of them differs from the disk (then `helm template`, which reads the disk,
 * would render something other than what the user sees).
 */
export function readChartWithOpenTexts(root: string, open: (path: string) => string | undefined): { chart: ChartFiles; unsaved: boolean } {
  let unsaved = false;
  const current = (path: string, disk: string): string => {
    const text = open(path);
    if (text === undefined || text === disk) return disk;
    unsaved = true;
    return text;
  };
  const overlay = (chart: ChartFiles): ChartFiles => ({
    ...chart,
    templates: chart.templates.map((t) => ({ ...t, text: current(t.path, t.text) })),
    values: chart.values && { ...chart.values, text: current(chart.values.path, chart.values.text) },
    subcharts: chart.subcharts.map(overlay),
  });
  const chart = overlay(readChart(root, root));
  return { chart, unsaved };
}

export class ChartService {
  /** Parsed templates and values files, kept between renders (a keystroke re-parses the edited file only). */
  private readonly cache = new RenderCache();

  constructor(
    private readonly placement: PlacementService,
    /** An open document's text by path (undefined when the file is not open). */
    private readonly open: (path: string) => string | undefined,
    /** Any file's text: an open document's first, else the disk's. */
    private readonly read: (path: string) => string | undefined,
    private readonly settings: () => ChartEngineSettings,
  ) {}

  /** The chart folder of a document, when it is a file of a chart. */
  chartRootOf(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    return chartFileRole(fileURLToPath(uri), fileExists)?.chartRoot;
  }

  /** Renders the chart with values.yaml and then `valuesFiles`; the info says what was used. */
  private async render(root: string, valuesFiles: readonly string[]): Promise<{ render?: RenderResult; error?: RenderError | Error; info: ChartInfo }> {
    const available = chartValuesFiles(root);
    const warnings: string[] = [];
    const chosen: string[] = [];
    for (const name of valuesFiles) {
      const path = normalize(join(root, name));
      // a values file is chosen among the chart's: never a path that leads out of it
      if (isAbsolute(name) || relative(root, path).split(sep)[0] === '..') warnings.push(`values file ${name} is not in the chart: left out`);
      else if (name === 'values.yaml' || chosen.includes(name)) continue;
      else if (this.read(path) === undefined) warnings.push(`values file ${name} was not found: left out`);
      else chosen.push(name);
    }
    const info: ChartInfo = {
      name: '',
      rootUri: pathToFileURL(root).toString(),
      valuesFiles: [...(available.includes('values.yaml') ? ['values.yaml'] : []), ...chosen],
      availableValuesFiles: available,
      engine: 'builtin',
      warnings,
    };
    try {
      const { chart, unsaved } = readChartWithOpenTexts(root, this.open);
      info.name = chart.name;
      const { helmPath } = this.settings();
      if (helmPath && !unsaved) {
        info.engine = 'helm';
        const render = await renderChart({ chartDir: root, cwd: root, valuesFiles: chosen.map((n) => join(root, n)), sets: [], engine: 'helm', helmPath, timeoutMs: HELM_TIMEOUT_MS });
        return { render, info: { ...info, warnings: [...warnings, ...render.warnings] } };
      }
      if (helmPath) warnings.push('a file of the chart has unsaved changes: rendered with the built-in engine (helm template reads the saved files)');
      const render = renderChartForEditor(root, chosen, diskChartReader(this.open), { cache: this.cache, chart });
      return { render, info: { ...info, warnings: [...warnings, ...render.warnings] } };
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)), info };
    }
  }

  async place(params: ChartPlacementParams): Promise<ChartPlacementResult> {
    const root = this.chartRootOf(params.uri);
    if (!root) return { kind: 'none' };
    const { render, error, info } = await this.render(root, params.valuesFiles ?? []);
    if (!render) {
      return { kind: 'error', message: error?.message ?? 'the chart could not be rendered', location: error instanceof RenderError ? sourceLocation(error.at) : undefined, chart: info };
    }
    const placed = placeRendered(render.documents, this.placement, params.profilePath);
    return 'kind' in placed ? { ...placed, chart: info } : { kind: 'ok', chart: info, ...placed };
  }

  async compare(params: CompareValuesFilesParams): Promise<PlacementComparison> {
    const [before, after] = await Promise.all([params.before, params.after].map((side) => this.place({ uri: params.uri, profilePath: side.profilePath ?? params.profilePath, valuesFiles: side.valuesFiles })));
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
