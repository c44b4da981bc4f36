/**
 * The two chart engines behind one interface: the built-in text/template
 * engine and `helm template`. The editor asks one of them per render (the
 * exact engine where the workspace is trusted and helm is available, the
 * built-in one otherwise); each counts its renders, so a test can prove
 * that an edit renders a chart once however many features read the result.
 */
import type { RenderResult } from '../../render/types';
import { RenderCache, renderBuiltin } from './builtinEngine';
import type { ChartFiles } from './chartFiles';
import { helmDocuments, runHelmTemplate } from './helmRunner';
import type { ValuesFile } from './values';

/** What to render: the chart as read (unsaved texts in place) and helm template's inputs. */
export interface ChartEngineRequest {
  chart: ChartFiles;
  /** `--values` files after the chart's values.yaml, absolute paths with the text the editor has. */
  valuesFiles: ValuesFile[];
  sets: string[];
  releaseName: string;
  namespace: string;
  /** Parsed templates and values kept between renders of this chart (built-in engine). */
  cache?: RenderCache;
  /** Stops a running `helm template` (its process is killed). */
  signal?: AbortSignal;
  timeoutMs?: number;
  /** The folder relative paths (chart.dir, values files) start from; the chart's folder when absent (the editor's paths are absolute). */
  cwd?: string;
  setStrings?: string[];
}

export interface ChartEngine {
  readonly kind: 'helm' | 'builtin';
  /** How many renders this engine has started. */
  readonly renders: number;
  /** Rejects with RenderError (with the template or values line when known). */
  render(request: ChartEngineRequest): Promise<RenderResult>;
}

/** The built-in engine; it reads the texts it is given, unsaved ones included. */
export class BuiltinChartEngine implements ChartEngine {
  readonly kind = 'builtin';
  renders = 0;

  render(request: ChartEngineRequest): Promise<RenderResult> {
    this.renders++;
    try {
      return Promise.resolve(builtinRender(request));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function builtinRender(request: ChartEngineRequest): RenderResult {
  return renderBuiltin(request.chart, {
    releaseName: request.releaseName,
    namespace: request.namespace,
    values: { files: request.valuesFiles, sets: request.sets, setStrings: request.setStrings },
    cache: request.cache,
  });
}

/**
 * `helm template` on the chart's folder (helm reads the saved files): its
 * output's lines are mapped back with the built-in engine's line map where
 * both print the same document.
 */
export class HelmChartEngine implements ChartEngine {
  readonly kind = 'helm';
  renders = 0;

  constructor(readonly helmPath: string) {}

  async render(request: ChartEngineRequest): Promise<RenderResult> {
    this.renders++;
    const { chart } = request;
    const stdout = await runHelmTemplate({
      helmPath: this.helmPath,
      chartDir: chart.dir,
      chartName: chart.name,
      cwd: request.cwd ?? chart.dir,
      releaseName: request.releaseName,
      namespace: request.namespace,
      valuesFiles: request.valuesFiles.map((f) => f.path),
      sets: request.sets,
      setStrings: request.setStrings,
      timeoutMs: request.timeoutMs,
      signal: request.signal,
    });
    let reference: RenderResult | undefined;
    try {
      reference = builtinRender(request);
    } catch {
      // helm rendered what the built-in engine cannot: lines are found in the templates instead
      reference = undefined;
    }
    return helmDocuments(stdout, { chartName: chart.name, chartDir: chart.dir, cwd: request.cwd ?? chart.dir }, reference);
  }
}

export { RenderCache };
