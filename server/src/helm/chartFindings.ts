/**
 * What a chart's rendering finds, for the editor and the CLI alike: every
 * plain-manifest rule on the rendered DaemonSets (each finding placed on the
 * template or values-file line that produced it), or one `helm-render`
 * finding where the chart does not render. Which engine rendered, and with
 * which values, is the caller's (chartRenders.ts in the editor). Pure of LSP.
 */
import { join } from 'node:path';
import type { ApiModel } from '../languageService/apiModel';
import type { ValidationOptions } from '../languageService/diagnostics';
import { type SourceFinding, validateRendered } from '../render/renderedFindings';
import type { RenderError, RenderResult } from '../render/types';

/** The rule id of a chart that does not render (the CLI and the editor report it alike). */
export const HELM_RENDER_CODE = 'helm-render';

/** A chart that did not render, as a finding at the line that failed (else on Chart.yaml's first line). */
export function renderErrorFinding(error: RenderError, chartFolder: string): SourceFinding {
  const at = error.at ?? { file: join(chartFolder, 'Chart.yaml'), line: 0 };
  return { file: at.file, line: at.line, column: 0, endLine: at.line, endColumn: 0, finding: { code: HELM_RENDER_CODE, severity: 'error', message: error.message, start: 0, end: 0 } };
}

/**
 * The findings of a chart's render, whichever engine made it: every rule on
 * the rendered documents, or one helm-render finding where it failed.
 */
export function findingsOfRender(outcome: { render: RenderResult } | { error: RenderError }, chartFolder: string, model: ApiModel, options: ValidationOptions, readSource: (file: string) => string | undefined): SourceFinding[] {
  if ('error' in outcome) return options.rules?.[HELM_RENDER_CODE] === 'off' ? [] : [renderErrorFinding(outcome.error, chartFolder)];
  return validateRendered(outcome.render, model, { ...options, keepSuppressed: false }, readSource);
}
