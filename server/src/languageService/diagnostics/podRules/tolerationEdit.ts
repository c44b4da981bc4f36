/**
 * The edit that adds a toleration to a DaemonSet's pod spec: a new item at the
 * top of an existing block `tolerations:` list, or a new `tolerations:` key.
 * Shared by the control-plane quick fix and the placement quick fixes.
 */
import type { Node as YamlNode } from 'yaml';
import { isMap, isPair, isSeq } from 'yaml';
import type { YamlDocument, YamlFile } from '../../yamlModel';
import type { TextEdit } from '../types';
import { getIn } from '../yamlAst';

export interface TolerationText {
  key?: string;
  operator: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
}

function lines(t: TolerationText): string[] {
  const out: string[] = [];
  if (t.key) out.push(`key: ${t.key}`);
  out.push(`operator: ${t.operator}`);
  if (t.value !== undefined && t.operator === 'Equal') out.push(`value: ${JSON.stringify(t.value)}`);
  if (t.effect) out.push(`effect: ${t.effect}`);
  return out;
}

export function insertTolerationEdit(file: YamlFile, document: YamlDocument, toleration: TolerationText): TextEdit | undefined {
  const podSpec = getIn(document.doc, document.doc.contents, 'spec', 'template', 'spec');
  if (!isMap(podSpec)) return undefined;
  const at = (node: YamlNode) => file.lineIndex.positionAt(document.start + (node.range?.[0] ?? 0));
  const body = lines(toleration);
  const tolerations = getIn(document.doc, podSpec, 'tolerations');
  if (isSeq(tolerations) && tolerations.items.length && !tolerations.flow) {
    const first = tolerations.items[0] as YamlNode;
    if (!first.range) return undefined;
    const position = at(first);
    const dash = ' '.repeat(Math.max(0, position.character - 2));
    const inner = ' '.repeat(position.character);
    const start = file.lineIndex.lineStarts[position.line];
    return { start, end: start, newText: `${dash}- ${body[0]}\n${body.slice(1).map((l) => `${inner}${l}\n`).join('')}` };
  }
  if (tolerations !== null) return undefined; // a flow or empty list: no obvious place
  const firstKey = podSpec.items.find(isPair)?.key as YamlNode | undefined;
  if (!firstKey?.range) return undefined;
  const position = at(firstKey);
  const indent = ' '.repeat(position.character);
  const start = file.lineIndex.lineStarts[position.line];
  return { start, end: start, newText: `${indent}tolerations:\n${indent}  - ${body[0]}\n${body.slice(1).map((l) => `${indent}    ${l}\n`).join('')}` };
}
