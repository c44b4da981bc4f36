/**
 * The quick fixes that silence one finding: a comment on the line before it,
 * or our ignore annotation on the object (added to, or created in,
 * `metadata.annotations`). Text edits in file offsets.
 */
import { isMap, isScalar } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import type { YamlDocument } from '../../yamlModel';
import { keyName } from '../../yamlModel';
import type { QuickFix } from '../types';
import { IGNORE_ANNOTATION } from './directives';

/** What the user is asked to replace: a suppression should say why. */
export const REASON_PLACEHOLDER = 'TODO say why';

function newline(document: YamlDocument): string {
  return document.text.includes('\r\n') ? '\r\n' : '\n';
}

/** `# daemonset-tools-disable-next-line <code> -- …` above the line of `start` (file offset), at that line's indentation. */
export function disableLineFix(document: YamlDocument, code: string, start: number): QuickFix {
  const { line } = document.lineIndex.positionAt(start - document.start);
  const lineStart = document.lineIndex.lineStarts[line];
  const indent = /^[ \t]*(- )*/.exec(document.text.slice(lineStart, lineStart + 200))![0].replace(/- /g, '  ');
  return { title: `Disable ${code} for this line`, edits: [{ start: document.start + lineStart, end: document.start + lineStart, newText: `${indent}# daemonset-tools-disable-next-line ${code} -- ${REASON_PLACEHOLDER}${newline(document)}` }] };
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyName(p) === key);
}

/** The column of a block map's keys (its first key's column), or undefined for flow maps and empty ones. */
function blockColumn(document: YamlDocument, map: YAMLMap): number | undefined {
  if (map.flow || map.items.length === 0) return undefined;
  const first = (map.items[0].key as { range?: [number, number, number] } | null)?.range;
  return first ? document.lineIndex.positionAt(first[0]).character : undefined;
}

/** Adds `code` to the object's ignore annotation, creating the annotation (and `annotations:`) when missing. Undefined where the layout is not block style. */
export function disableObjectFix(document: YamlDocument, code: string): QuickFix | undefined {
  const title = `Disable ${code} for this object`;
  const root = document.doc.contents;
  if (!isMap(root)) return undefined;
  const metadata = pairOf(root, 'metadata');
  if (!metadata || !isMap(metadata.value)) return undefined;
  const metaColumn = blockColumn(document, metadata.value);
  if (metaColumn === undefined) return undefined;
  const eol = newline(document);
  const annotations = pairOf(metadata.value, 'annotations');
  const lineAfter = (node: { range?: [number, number, number] | null }): number => {
    // the start of the line after the node's value: where a sibling key goes
    const end = node.range![1];
    const { line } = document.lineIndex.positionAt(Math.max(end - 1, 0));
    return document.lineIndex.lineStarts[line + 1] ?? document.text.length;
  };
  if (!annotations) {
    const at = lineAfter(metadata.key as { range: [number, number, number] });
    const pad = ' '.repeat(metaColumn);
    return { title, edits: [{ start: document.start + at, end: document.start + at, newText: `${pad}annotations:${eol}${pad}  ${IGNORE_ANNOTATION}: "${code}"${eol}` }] };
  }
  if (!isMap(annotations.value)) return undefined;
  const existing = pairOf(annotations.value, IGNORE_ANNOTATION);
  if (existing && isScalar(existing.value) && typeof existing.value.value === 'string' && existing.value.range) {
    const rules = existing.value.value.split(/[\s,]+/).filter(Boolean);
    if (rules.includes(code)) return undefined;
    const [from, to] = existing.value.range;
    return { title, edits: [{ start: document.start + from, end: document.start + to, newText: `"${[...rules, code].join(',')}"` }] };
  }
  const column = blockColumn(document, annotations.value);
  if (column === undefined) return undefined;
  const at = lineAfter(annotations.value);
  return { title, edits: [{ start: document.start + at, end: document.start + at, newText: `${' '.repeat(column)}${IGNORE_ANNOTATION}: "${code}"${eol}` }] };
}
