/**
 * The YAML model of a template: the masked text parsed by the ordinary YAML
 * model (same offsets as the source), each document carrying the marks of the
 * actions inside it, and the file keeping the source and its actions for
 * completion and hover inside actions.
 */
import { isMap, isScalar } from 'yaml';
import type { TemplateMarks, YamlDocument, YamlFile } from '../../languageService/yamlModel';
import { isUnknownValue, parseDocumentText, parseYamlFile, plainDocument } from '../../languageService/yamlModel';
import type { MaskResult } from './mask';
import { maskTemplate } from './mask';

/** A YAML file whose text is a masked template (`text` is masked; `source` is what the user wrote). */
export interface TemplateFile extends YamlFile {
  source: string;
  mask: MaskResult;
}

export function isTemplateFile(file: YamlFile): file is TemplateFile {
  return (file as Partial<TemplateFile>).mask !== undefined;
}

/**
 * Parses a template. Pass the previous version's model: documents whose
 * masked text and marks are unchanged are reused (their findings too).
 */
export function parseTemplateFile(source: string, previous?: YamlFile): TemplateFile {
  const mask = maskTemplate(source);
  const file = parseYamlFile(mask.masked, previous);
  const before = new Map<unknown, YamlDocument>();
  for (const doc of previous?.documents ?? []) before.set(doc.doc, doc);
  const documents = file.documents.map((document) => {
    const marks = marksFor(mask, document);
    const old = before.get(document.doc);
    if (!old) return withHeader({ ...plainDocument(document), template: marks });
    if (old.template && sameMarks(old.template, marks)) return withHeader({ ...plainDocument(document), template: old.template });
    // Same masked text, other actions (`{{ if }}` became `{{ range }}`): parse afresh, so nothing cached for the old marks is reused.
    return withHeader({ ...plainDocument(parseDocumentText(document.text, document.start, document.index)), template: marks });
  });
  return { ...file, documents, source, mask };
}

/** A `kind` or `apiVersion` an action writes is not known (not the placeholder text the masking left). */
function withHeader(document: YamlDocument): YamlDocument {
  const unknown = (key: string) => {
    const root = document.doc.contents;
    const pair = isMap(root) ? root.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    return pair !== undefined && isUnknownValue(document, pair.value);
  };
  if (document.kind !== undefined && unknown('kind')) document.kind = undefined;
  if (document.apiVersion !== undefined && unknown('apiVersion')) document.apiVersion = undefined;
  return document;
}

function marksFor(mask: MaskResult, document: YamlDocument): TemplateMarks {
  const { start, end } = document;
  const inside = (s: number) => s >= start && s < end;
  return {
    unknown: mask.unknown.filter((u) => inside(u.start)).map((u) => ({ start: u.start - start, end: Math.min(u.end, end) - start })),
    blocks: mask.blocks.filter((b) => inside(b.offset)).map((b) => ({ offset: b.offset - start, indent: b.indent })),
    branches: mask.branches.filter((b) => b.end > start && b.start < end).map((b) => ({ ...b, start: b.start - start, end: b.end - start })),
  };
}

function sameMarks(a: TemplateMarks, b: TemplateMarks): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
