/**
 * Rendering a chart folder: the exact engine (`helm template`) when helm is
 * available and wanted, else the built-in engine. Both give a RenderResult
 * whose line map leads back to template and values-file lines.
 */
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { RenderError, type RenderResult } from '../../render/types';
import { readChart } from './chartFiles';
import { readTextFile } from '../../files/readTextFile';
import { BuiltinChartEngine, type ChartEngineRequest, HelmChartEngine } from './engines';

export interface ChartRenderRequest {
  chartDir: string;
  cwd: string;
  /** `--values` files (paths as given, relative to cwd), merged after the chart's values.yaml in order. */
  valuesFiles: string[];
  sets: string[];
  setStrings?: string[];
  releaseName?: string;
  namespace?: string;
  /** 'auto': helm when found, else the built-in engine. */
  engine?: 'auto' | 'helm' | 'builtin';
  /** An explicit helm binary (CLI --helm, setting daemonsetTools.helmPath). */
  helmPath?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** helm template's defaults. */
export const DEFAULT_RELEASE = 'release-name';
export const DEFAULT_NAMESPACE = 'default';

/** A chart folder is a folder with a Chart.yaml. */
export function isChartDir(dir: string, cwd: string): boolean {
  return existsSync(resolve(cwd, dir, 'Chart.yaml'));
}

/** `helm` on PATH, if any. */
export function findHelmOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'helm.exe' : 'helm');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Renders a chart folder. Rejects with RenderError (with a location when known). */
export async function renderChart(req: ChartRenderRequest): Promise<RenderResult> {
  const chart = readChart(req.chartDir, req.cwd);
  const releaseName = req.releaseName ?? DEFAULT_RELEASE;
  const namespace = req.namespace ?? DEFAULT_NAMESPACE;
  const values = {
    files: req.valuesFiles.map((path) => {
      const read = readTextFile(resolve(req.cwd, path));
      if (!read.ok) throw new RenderError(`cannot read values file ${path} (${read.message}); correct the path, or remove it from the chosen values files`);
      return { path, text: read.text };
    }),
  };
  const engine = req.engine ?? 'auto';
  const helmPath = engine === 'builtin' ? undefined : (req.helmPath ?? findHelmOnPath());
  if (engine === 'helm' && !helmPath) throw new RenderError('--engine helm: helm was not found; pass --helm <path>, or put helm on PATH');
  const request: ChartEngineRequest = { chart, cwd: req.cwd, releaseName, namespace, valuesFiles: values.files, sets: req.sets, setStrings: req.setStrings, timeoutMs: req.timeoutMs, signal: req.signal };
  return (helmPath ? new HelmChartEngine(helmPath) : new BuiltinChartEngine()).render(request);
}
