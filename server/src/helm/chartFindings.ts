/**
 * A chart rendered for the editor: the built-in engine on the chart's files
 * as the editor holds them (an open document's unsaved text over the file on
 * disk), with the chart's values.yaml first and the chosen values files after
 * it, then every plain-manifest rule on the rendered DaemonSets, each finding
 * placed on the template or values-file line that produced it. Pure of LSP:
 * the language server and the CLI call the same functions; a later values-file
 * selection passes its files here (no setting is read).
 */
import { isAbsolute, join } from 'node:path';
import type { ApiModel } from '../languageService/apiModel';
import type { ValidationOptions } from '../languageService/diagnostics';
import { type SourceFinding, validateRendered } from '../render/renderedFindings';
import { RenderError, type RenderResult } from '../render/types';
import { DEFAULT_NAMESPACE, DEFAULT_RELEASE } from './render';
import { RenderCache, renderBuiltin } from './render/builtinEngine';
import { type ChartFiles, type ChartReader, readChart } from './render/chartFiles';

export { RenderCache };
export type { ChartReader };
export { diskChartReader } from './render/chartFiles';

/** The rule id of a chart that does not render (the CLI and the editor report it alike). */
export const HELM_RENDER_CODE = 'helm-render';

export interface EditorRenderOptions {
  releaseName?: string;
  namespace?: string;
  /** Parsed templates and values files kept between renders of this chart (one per chart). */
  cache?: RenderCache;
  /** The chart's files when the caller has read them already (through the same reader). */
  chart?: ChartFiles;
}

/**
 * Renders a chart folder with the built-in engine, reading through `reader`.
 * `valuesFiles` (absolute, or relative to the chart folder) are merged after
 * the chart's values.yaml in order, as `helm template -f` does; values.yaml
 * itself is always first and needs no naming. Throws RenderError (with the
 * template or values line when known) when the chart does not render.
 */
export function renderChartForEditor(chartFolder: string, valuesFiles: readonly string[], reader: ChartReader, options: EditorRenderOptions = {}): RenderResult {
  const chart = options.chart ?? readChart(chartFolder, chartFolder, reader);
  const files = valuesFiles
    .map((f) => (isAbsolute(f) ? f : join(chartFolder, f)))
    // values.yaml is the chart's own: naming it again would merge it twice (harmless, but slower)
    .filter((path) => path !== join(chartFolder, 'values.yaml'))
    .map((path) => {
      const text = reader.readText(path);
      if (text === undefined) throw new RenderError(`cannot read values file ${path}; correct the path, or remove it from the chosen values files`);
      return { path, text };
    });
  return renderBuiltin(chart, {
    releaseName: options.releaseName ?? DEFAULT_RELEASE,
    namespace: options.namespace ?? DEFAULT_NAMESPACE,
    values: { files, sets: [] },
    cache: options.cache,
  });
}

/** A chart that did not render, as a finding at the line that failed (else on Chart.yaml's first line). */
export function renderErrorFinding(error: RenderError, chartFolder: string): SourceFinding {
  const at = error.at ?? { file: join(chartFolder, 'Chart.yaml'), line: 0 };
  return { file: at.file, line: at.line, column: 0, endLine: at.line, endColumn: 0, finding: { code: HELM_RENDER_CODE, severity: 'error', message: error.message, start: 0, end: 0 } };
}

/** What rendering a chart for the editor found: the findings by source file, and the render (for placement). */
export interface ChartFindings {
  findings: SourceFinding[];
  render?: RenderResult;
}

/**
 * Renders the chart and validates the output; a chart that does not render
 * gives one helm-render finding instead (never a throw for a RenderError).
 */
export function chartFindings(chartFolder: string, valuesFiles: readonly string[], reader: ChartReader, model: ApiModel, options: ValidationOptions, renderOptions: EditorRenderOptions = {}): ChartFindings {
  let render: RenderResult;
  try {
    render = renderChartForEditor(chartFolder, valuesFiles, reader, renderOptions);
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    return { findings: findingsOfRender({ error }, chartFolder, model, options, (file) => reader.readText(file)) };
  }
  return { findings: findingsOfRender({ render }, chartFolder, model, options, (file) => reader.readText(file)), render };
}

/**
 * The findings of a chart's render, whichever engine made it: every rule on
 * the rendered documents, or one helm-render finding where it failed.
 */
export function findingsOfRender(outcome: { render: RenderResult } | { error: RenderError }, chartFolder: string, model: ApiModel, options: ValidationOptions, readSource: (file: string) => string | undefined): SourceFinding[] {
  if ('error' in outcome) return options.rules?.[HELM_RENDER_CODE] === 'off' ? [] : [renderErrorFinding(outcome.error, chartFolder)];
  return validateRendered(outcome.render, model, { ...options, keepSuppressed: false }, readSource);
}
