/**
 * Placement of a chart template as it renders, not as it is written: a
 * masked template does not know its nodeSelector, tolerations or affinity
 * (`{{- toYaml .Values.nodeSelector | nindent 8 }}` is a block of unknown
 * content), so placing the masked text would show wrong nodes. The chart is
 * rendered (the editor's shared rendering: values files, options, engine)
 * and the DaemonSets this template produced are placed; every range is moved
 * back to the template line that wrote it. A template that cannot be
 * rendered gives an error that says why, never a guess.
 * Pure: the caller hands in the rendering and the function that places a
 * parsed file (the placement service).
 */
import type { YamlFile } from '../languageService/yamlModel';
import { parseYamlFile } from '../languageService/yamlModel';
import type { PlacementResult, ProtocolRange } from '../protocol';
import type { RenderedDocument, RenderResult } from '../render/types';
import { RenderError } from '../render/types';

/** The rendered documents that a template produced (their first line is written by it). */
export function documentsOfTemplate(documents: readonly RenderedDocument[], templatePath: string): RenderedDocument[] {
  return documents.filter((d) => d.origin.file === templatePath);
}

/** A range of a rendered document moved to its template line (the line map knows lines only); undefined when another file wrote it. */
function toTemplate(document: RenderedDocument, templatePath: string, range: ProtocolRange | undefined): ProtocolRange | undefined {
  const source = range ? document.lineMap[range.start.line] : undefined;
  if (source?.file !== templatePath) return undefined;
  return { start: { line: source.line, character: 0 }, end: { line: source.line + 1, character: 0 } };
}

/**
 * Places the DaemonSets a chart template renders to, from the chart's
 * rendering (or why it failed). `place` is the placement service's (file,
 * profile) → result; its ranges are in the rendered text and come back in
 * the template's lines.
 */
export function placeRenderedTemplate(outcome: { render?: RenderResult; error?: Error }, templatePath: string, place: (file: YamlFile) => PlacementResult): PlacementResult {
  if (!outcome.render) {
    if (outcome.error && !(outcome.error instanceof RenderError)) throw outcome.error;
    return { kind: 'error', message: `the chart does not render, so its placement is unknown: ${outcome.error?.message ?? 'no output'}` };
  }
  const documents = documentsOfTemplate(outcome.render.documents, templatePath);
  let answer: Extract<PlacementResult, { kind: 'ok' }> | undefined;
  for (const document of documents) {
    const result = place(parseYamlFile(document.text));
    if (result.kind === 'error') return result;
    answer ??= { ...result, daemonSets: [] };
    const at = document.origin.file === templatePath ? document.origin.line : 0;
    for (const ds of result.daemonSets) {
      answer.daemonSets.push({
        ...ds,
        range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } },
        nodes: ds.nodes.map((node) => ({ ...node, reasons: node.reasons.map((r) => ({ ...r, range: toTemplate(document, templatePath, r.range) })) })),
      });
    }
  }
  // values that render no DaemonSet from this template: an answer, not an error
  return answer ?? place(parseYamlFile(''));
}

/** What a template outside any chart (no values, no helpers) can say about placement: nothing certain. */
export const UNRENDERABLE_TEMPLATE_MESSAGE = 'this file holds template actions but belongs to no chart (no Chart.yaml above its templates/ folder): its placement is only known once rendered';
