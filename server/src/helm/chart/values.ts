/**
 * The values of a chart as completion and hover show them: every key path of
 * a values file with a short rendering of its value and its line.
 */
import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { effectivePairs, resolveNode } from '../../languageService/diagnostics/yamlAst';
import { GO_YAML_TAGS, goYamlScalarOf, jsonKey } from '../../languageService/yamlModel/goYamlScalars';
import { formatFloat } from '../template/values';

export interface ValueEntry {
  /** Key path below `.Values` (`['image', 'tag']`). */
  path: string[];
  /** The value as written, shortened (`"registry.example.com/agent"`, `{…3 keys}`, `[…2 items]`). */
  summary: string;
  /** The value's text as written in the file (for hover), at most a few lines. */
  text: string;
  /** 0-based line of the key. */
  line: number;
  kind: 'map' | 'list' | 'scalar';
}

const MAX_TEXT_LINES = 12;

/** Every key path of a values file (maps are walked; list items are not). Empty for unparsable text. */
export function valueEntries(text: string): ValueEntry[] {
  const lineCounter = new LineCounter();
  // Read as Helm reads values (go-yaml v2, then JSON): keys named as the template reaches them (`on:` is .Values.true), merges expanded.
  const doc = parseDocument(text, { lineCounter, version: '1.1', schema: 'failsafe', customTags: GO_YAML_TAGS, merge: true, uniqueKeys: false, prettyErrors: false });
  const out: ValueEntry[] = [];
  const walk = (node: unknown, path: string[]) => {
    const map = resolveNode(doc, node);
    if (!isMap(map)) return;
    for (const pair of effectivePairs(doc, map)) {
      const key = isScalar(pair.key) ? jsonKey(pair.key) : undefined;
      if (key === undefined) continue;
      const value = resolveNode(doc, pair.value);
      const keyOffset = (pair.key as YamlNode).range?.[0] ?? 0;
      out.push({ path: [...path, key], summary: summarize(value), text: sourceOf(text, value), line: lineCounter.linePos(keyOffset).line - 1, kind: isMap(value) ? 'map' : isSeq(value) ? 'list' : 'scalar' });
      walk(value, [...path, key]);
    }
  };
  walk(doc.contents, []);
  return out;
}

function summarize(node: YamlNode | null): string {
  if (isMap(node)) return node.items.length === 0 ? '{}' : `{…${node.items.length} ${node.items.length === 1 ? 'key' : 'keys'}}`;
  if (isSeq(node)) return node.items.length === 0 ? '[]' : `[…${node.items.length} ${node.items.length === 1 ? 'item' : 'items'}]`;
  if (isScalar(node)) {
    // what the template sees: go-yaml v2's value (`on` is true, `0755` is 493, `1e400` stays text), numbers as Helm prints them
    const resolved = goYamlScalarOf(node);
    const value = resolved ? resolved.value : node.value;
    const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' || typeof value === 'bigint' ? formatFloat(Number(value)) : String(value);
    return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
  }
  return 'null';
}

function sourceOf(text: string, node: YamlNode | null): string {
  if (!node?.range) return 'null';
  const lines = text.slice(node.range[0], node.range[1]).trimEnd().split(/\r?\n/);
  return lines.length > MAX_TEXT_LINES ? [...lines.slice(0, MAX_TEXT_LINES), '…'].join('\n') : lines.join('\n');
}
