/**
 * Which files of a Helm chart play which part, decided from paths alone (plus
 * "does this Chart.yaml exist", asked through a function so the module stays
 * free of the file system):
 * - a chart is a folder with a `Chart.yaml`;
 * - its templates are the files under `templates/` at any depth: YAML ones
 *   are validated masked, `*.tpl` (helpers) are only read for `define`s;
 * - its values files sit next to `Chart.yaml`: `values.yaml`, `values*.yaml`
 *   (`values-prod.yaml`), `*.values.yaml` (`staging.values.yaml`); the YAML
 *   files of its `ci/` folder are values files too (chart-testing's convention).
 * A subchart (`charts/<name>/` with its own Chart.yaml) is a chart of its own.
 */
import { basename, dirname, join, sep } from 'node:path';

/** The language id VS Code's Kubernetes extension gives chart templates. */
export const HELM_LANGUAGE_ID = 'helm';

export type ChartFileRole = 'template' | 'helpers' | 'values' | 'chartYaml';

export interface ChartFile {
  role: ChartFileRole;
  /** The chart's folder (the one holding Chart.yaml). */
  chartRoot: string;
}

/**
 * Glob patterns of the files charts are made of (templates, helpers, values
 * files, Chart.yaml, .Files), for a file watcher: a change on disk renders
 * the chart again. Broad on purpose; chartFileRole decides what a file is.
 */
export const CHART_FILE_GLOBS: readonly string[] = ['**/Chart.yaml', '**/templates/**', '**/{values*.yaml,values*.yml,*.values.yaml,*.values.yml}', '**/ci/*.{yaml,yml}'];

/** Asks whether a file exists (fs.existsSync in Node, a workspace look-up elsewhere). */
export type Exists = (path: string) => boolean;

const VALUES_FILE = /^(values[^/\\]*\.ya?ml|[^/\\]+\.values\.ya?ml)$/i;

/** Whether a file name is a values file's name (`values.yaml`, `values-prod.yaml`, `prod.values.yaml`). */
export function isValuesFileName(name: string): boolean {
  return VALUES_FILE.test(name);
}

/** The part a file plays in a chart, or undefined when it is not in one. */
export function chartFileRole(path: string, exists: Exists): ChartFile | undefined {
  const name = basename(path);
  const folder = dirname(path);
  if (name === 'Chart.yaml') return { role: 'chartYaml', chartRoot: folder };
  if (isValuesFileName(name) && exists(join(folder, 'Chart.yaml'))) return { role: 'values', chartRoot: folder };
  // chart-testing's convention: `ci/*-values.yaml` are values files too.
  if (basename(folder) === 'ci' && /\.ya?ml$/i.test(name) && exists(join(dirname(folder), 'Chart.yaml'))) return { role: 'values', chartRoot: dirname(folder) };
  // Under templates/ at any depth: the nearest templates folder whose parent is a chart.
  const parts = folder.split(sep);
  for (let i = parts.length - 1; i >= 1; i--) {
    if (parts[i] !== 'templates') continue;
    const root = parts.slice(0, i).join(sep) || sep;
    if (!exists(join(root, 'Chart.yaml'))) continue;
    if (/\.tpl$/i.test(name)) return { role: 'helpers', chartRoot: root };
    if (/\.ya?ml$/i.test(name)) return { role: 'template', chartRoot: root };
    return undefined; // NOTES.txt and other files: not YAML
  }
  return undefined;
}

/**
 * Whether a document is read as a template (masked before validation): a
 * chart template, a document with the language id `helm`, or any YAML text
 * that holds a template action.
 */
export function isTemplateDocument(text: { toString(): string }, languageId: string | undefined, role: ChartFileRole | undefined, hasActions?: boolean): boolean {
  if (role === 'values' || role === 'chartYaml') return false;
  // hasActions: whether the text holds `{{`, when the caller knows (a keystroke in a big manifest searches no text)
  return role === 'template' || role === 'helpers' || languageId === HELM_LANGUAGE_ID || (hasActions ?? text.toString().includes('{{'));
}

/** Whether a file is validated at all: a chart's helpers, values and Chart.yaml are not manifests. */
export function isValidatedChartFile(role: ChartFileRole | undefined): boolean {
  return role === undefined || role === 'template';
}
