/**
 * Chart folders on the command line: the flags `helm template` takes
 * (`--values`/`-f`, `--set`, `--set-string`, `--release`, `--namespace`/`-n`)
 * plus `--engine helm|builtin` and `--helm <path>`, and the rendering itself.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ToolsConfig } from '../config/types';
import { renderChart } from '../helm/render';
import { RenderError, type RenderResult } from '../render/types';
import type { ParsedArgs } from './args';
import { oneOf } from './args';
import { CliError } from './io';
import { programPath } from '../config/programPath';
import { readTextFile } from '../files/readTextFile';

/** The flags chart folders take, for parseArgs (all take a value). */
export const CHART_FLAGS: Record<string, boolean> = { values: true, f: true, set: true, 'set-string': true, release: true, namespace: true, n: true, engine: true, helm: true };

export const CHART_USAGE = `Chart folders (a folder with Chart.yaml) are rendered first, with helm template's defaults:
  --values, -f <file>   values file merged after the chart's values.yaml (repeatable, in order)
  --set <k=v,…>         values as helm's --set (repeatable); --set-string keeps them text
  --release <name>      release name (default release-name)
  --namespace, -n <ns>  namespace (default default)
  --engine helm|builtin helm template when helm is found (--helm <path> or PATH), else built-in
`;

export interface ChartOptions {
  valuesFiles: string[];
  sets: string[];
  setStrings: string[];
  releaseName?: string;
  namespace?: string;
  engine: 'auto' | 'helm' | 'builtin';
  helmPath?: string;
}

/** The chart flags of a parsed command line. */
export function chartOptions(parsed: ParsedArgs): ChartOptions {
  const all = (...names: string[]): string[] => names.flatMap((n) => parsed.flags.get(n) ?? []);
  // one --engine for charts and overlays: builtin, or the exact engine of each (helm for charts, kubectl for overlays)
  const chosen = parsed.flags.has('engine') ? oneOf(parsed.flags.get('engine')?.at(-1), ['auto', 'helm', 'kubectl', 'builtin'], 'engine', 'auto') : 'auto';
  const engine = chosen === 'builtin' || chosen === 'helm' ? chosen : 'auto';
  return {
    valuesFiles: all('values', 'f'),
    sets: all('set'),
    setStrings: all('set-string'),
    releaseName: parsed.flags.get('release')?.at(-1),
    namespace: all('namespace', 'n').at(-1),
    engine,
    helmPath: parsed.flags.get('helm')?.at(-1),
  };
}

/** Whether any chart-only flag was given (they make no sense without a chart folder). */
export function hasChartFlags(o: ChartOptions): boolean {
  return o.valuesFiles.length > 0 || o.sets.length > 0 || o.setStrings.length > 0 || o.releaseName !== undefined || o.namespace !== undefined || o.helmPath !== undefined;
}

/**
 * The chart flags with the `helm:` section of the chart's .daemonset-tools.yaml
 * under them: what the command line gives wins, flag by flag. A values file
 * named there is looked for in the chart folder, then next to the file.
 */
export function withConfig(o: ChartOptions, config: ToolsConfig, chartDir: string, cwd: string): ChartOptions {
  const helm = config.helm;
  const valuesPath = (f: string): string => {
    if (existsSync(resolve(cwd, chartDir, f)) || !config.path) return join(chartDir, f);
    return relative(cwd, resolve(dirname(config.path), f));
  };
  return {
    valuesFiles: o.valuesFiles.length ? o.valuesFiles : (helm.values ?? []).map(valuesPath),
    sets: o.sets.length ? o.sets : (helm.set ?? []),
    setStrings: o.setStrings,
    releaseName: o.releaseName ?? helm.release,
    namespace: o.namespace ?? helm.namespace,
    engine: o.engine !== 'auto' ? o.engine : (helm.engine ?? 'auto'),
    helmPath: o.helmPath ?? (helm.path && programPath(helm.path, config.path)),
  };
}

/** Renders one chart folder for the CLI; a RenderError stays a RenderError (the caller reports it). */
export async function renderChartInput(chartDir: string, o: ChartOptions, cwd: string): Promise<RenderResult> {
  for (const f of o.valuesFiles) {
    const read = readTextFile(resolve(cwd, f));
    if (!read.ok) throw new CliError(`cannot read values file ${f}: ${read.message}`);
  }
  return renderChart({ chartDir, cwd, valuesFiles: o.valuesFiles, sets: o.sets, setStrings: o.setStrings, releaseName: o.releaseName, namespace: o.namespace, engine: o.engine, helmPath: o.helmPath });
}

export { RenderError };
