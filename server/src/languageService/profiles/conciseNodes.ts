/**
 * The single nodes of a concise profile made straight from the text, in one
 * pass over its lines: each `- name: …` item becomes a NodeModel as soon as
 * its lines are read, with its labels (defaults first) in their final map, so
 * a 100,000-node profile never exists as a tree of plain values next to its
 * nodes (issue 15 item 11: the tree, its garbage and a second walk over it
 * were most of the load time).
 *
 * It reads the YAML subset of fastYaml.ts with fastYaml's own line, scalar
 * and flow readers, and a node's values with the concise reader's own code
 * (nodeBody), so every value means what it means there. It never reports a
 * problem: on anything it does not take (a field it does not know, a value
 * that does not read, a duplicate node, `labels` twice) it answers undefined
 * and the caller reads the text the general way, which gives the messages.
 */
import type { NodeModel } from '../../placement/types';
import { compactDictionary } from '../../common/dictionary';
import { NODE_KEYS, nodeBody, readConcise, ReadOnce } from './concise';
import type { Lines, PlainValue } from './fastYaml';
import { giveUp, inlineValue, isItem, nestedValue, plain, readSubset, splitEntry, WrittenScalar } from './fastYaml';
import { PlainReader } from './plainReader';
import type { ProfileReadResult } from './types';

/** What the direct read made of the text. */
export type DirectRead =
  /** A concise profile with single nodes, read without a problem. */
  | { kind: 'profile'; result: ProfileReadResult }
  /** A text without a block list of single nodes: its plain value, as readFastYaml gives it. */
  | { kind: 'value'; value: PlainValue };

/** Messages are never shown (a problem sends the text the general way), so one place name serves every node. */
const WHERE = 'nodes[]';

/** A label value as the concise reader takes it: scalars as written, null as ''. Anything else is the general reader's to report. */
function labelValue(value: PlainValue): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  if (value instanceof WrittenScalar) return value.source;
  return giveUp();
}

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Characters of a simple key or value: letters, digits, `.`, `_`, `-`, `/` (keys only). */
const isSimple = (c: number, key: boolean) => isLetter(c) || isDigit(c) || c === 46 || c === 95 || c === 45 || (key && c === 47);
/** A key go-yaml reads as a string whatever it is: a letter first, and not one of its words (true, no, on, null…), which are at most 5 letters. */
const stringKey = (text: string, start: number, end: number) => isLetter(text.charCodeAt(start)) && (end - start > 5 || !'yYnNtTfFoO'.includes(text[start]));

/** `key: value` with a simple key and value (nothing splitEntry and inlineValue would read otherwise): the colon's index, else -1. */
function simplePair(content: string): number {
  const colon = content.indexOf(': ');
  if (colon <= 0 || !stringKey(content, 0, colon)) return -1;
  for (let i = 1; i < colon; i++) if (!isSimple(content.charCodeAt(i), true)) return -1;
  const start = colon + 2;
  if (start >= content.length) return -1;
  const first = content.charCodeAt(start);
  if (!isLetter(first) && !isDigit(first)) return -1;
  for (let i = start + 1; i < content.length; i++) if (!isSimple(content.charCodeAt(i), false)) return -1;
  return colon;
}

/** `{k: v, k: v}` with simple keys and values, as a plain map; undefined for any other flow (inlineValue reads it). */
function simpleFlow(text: string): PlainValue | undefined {
  if (text.charCodeAt(0) !== 123 || text.charCodeAt(text.length - 1) !== 125) return undefined;
  const map: Record<string, PlainValue> = {};
  let at = 1;
  const end = text.length - 1;
  while (at < end) {
    let colon = at;
    while (colon < end && isSimple(text.charCodeAt(colon), true)) colon++;
    if (colon === at || text.charCodeAt(colon) !== 58 || text.charCodeAt(colon + 1) !== 32 || !stringKey(text, at, colon)) return undefined;
    const start = colon + 2;
    let stop = start;
    while (stop < end && isSimple(text.charCodeAt(stop), false)) stop++;
    const first = text.charCodeAt(start);
    if (stop === start || (!isLetter(first) && !isDigit(first))) return undefined;
    const key = text.slice(at, colon);
    if (key === '__proto__' || Object.hasOwn(map, key)) return undefined;
    map[key] = plain(text.slice(start, stop));
    if (stop === end) return map;
    if (text.charCodeAt(stop) !== 44 || text.charCodeAt(stop + 1) !== 32) return undefined;
    at = stop + 2;
  }
  return undefined;
}

class NodeItems {
  readonly nodes: NodeModel[] = [];
  readonly reader = new PlainReader(null);
  private readonly once = new ReadOnce(this.reader);
  /** The fields of the item being read (one map for all items: it is cleared, not made, per node). */
  private readonly fields = new Map<string, unknown>();
  /** The labels of the item being read, as key, value, key, value… (its name may come after them). */
  private readonly labels: string[] = [];

  /** The items of the block list at `indent` (after `nodes:`), each a block mapping that starts on the item's line. */
  read(lines: Lines, indent: number): void {
    while (!lines.done && lines.indent === indent && isItem(lines.content)) {
      const after = lines.content.slice(1);
      const text = after.trimStart();
      if (text === '' || text[0] === '#' || text[0] === '[' || text[0] === '{' || !splitEntry(text)) giveUp(); // another item shape: the general reader's
      const column = indent + 1 + (after.length - text.length);
      lines.rest(column, text);
      this.item(lines, column);
    }
    if (!lines.done && lines.indent > indent) giveUp();
  }

  private item(lines: Lines, column: number): void {
    const { fields, labels } = this;
    fields.clear();
    labels.length = 0;
    let labelsRead = false;
    while (!lines.done && lines.indent === column && !isItem(lines.content)) {
      const entry = splitEntry(lines.content) ?? giveUp();
      lines.advance();
      if (entry.key === 'labels') {
        if (labelsRead) giveUp();
        labelsRead = true;
        if (entry.rest === '') this.labelBlock(lines, column);
        else this.labelFlow(inlineValue(entry.rest));
        continue;
      }
      if (!NODE_KEYS.has(entry.key)) giveUp();
      fields.set(entry.key, entry.rest === '' ? nestedValue(lines, column) : entry.key === 'used' ? (simpleFlow(entry.rest) ?? inlineValue(entry.rest)) : inlineValue(entry.rest));
    }
    if (!lines.done && lines.indent > column) giveUp();
    const name = fields.get('name');
    if (typeof name !== 'string' || name === '') giveUp();
    this.nodes.push(this.node(name as string));
  }

  /** `labels:` followed by `key: value` lines, one deeper; or nothing (no labels). */
  private labelBlock(lines: Lines, column: number): void {
    if (lines.done || lines.indent <= column) return;
    const indent = lines.indent;
    while (!lines.done && lines.indent === indent) {
      const content = lines.content;
      const simple = simplePair(content);
      if (simple >= 0) {
        lines.advance();
        this.labels.push(content.slice(0, simple), labelValue(plain(content.slice(simple + 2))));
        continue;
      }
      if (isItem(content)) giveUp();
      const entry = splitEntry(content) ?? giveUp();
      lines.advance();
      // `key:` with nothing after it is null ('') unless a nested block follows, which no label may hold.
      if (entry.rest === '' && !lines.done && (lines.indent > indent || (lines.indent === indent && isItem(lines.content)))) giveUp();
      this.labels.push(entry.key, entry.rest === '' ? '' : labelValue(inlineValue(entry.rest)));
    }
    if (!lines.done && lines.indent > indent) giveUp();
  }

  /** `labels: {a: b, …}` (or null). */
  private labelFlow(value: PlainValue): void {
    if (value === null) return;
    if (typeof value !== 'object' || Array.isArray(value) || value instanceof WrittenScalar) giveUp();
    const map = value as Record<string, PlainValue>;
    for (const key of Object.keys(map)) this.labels.push(key, labelValue(map[key]));
  }

  /** The node: labels with the defaults first (as withDefaultLabels makes them), the rest as the concise reader reads it. */
  private node(name: string): NodeModel {
    const errors = this.reader.errors.length;
    const { taints, unschedulable, allocatable, requested, podCount, hostPorts, ready } = nodeBody(this.reader, this.once, this.fields, WHERE);
    if (this.reader.errors.length !== errors) giveUp();
    const labels = compactDictionary<string>();
    labels['kubernetes.io/hostname'] = name;
    labels['kubernetes.io/os'] = 'linux';
    labels['kubernetes.io/arch'] = 'amd64';
    const written = this.labels;
    for (let i = 0; i < written.length; i += 2) labels[written[i]] = written[i + 1];
    // The literal of concise.ts's addNode, field for field: nodes of one shape.
    return { labels, taints, unschedulable, allocatable, requested, podCount, hostPorts, ready, name };
  }
}

/**
 * Reads the top-level mapping, the `nodes:` block list with NodeItems and
 * every other entry as fastYaml does. Undefined when the text leaves the
 * subset or is not a top-level mapping the direct way takes.
 */
function readTop(text: string): { top: Record<string, PlainValue>; items?: NodeItems } | undefined {
  return readSubset(
    text,
    (lines) => {
      if (isItem(lines.content)) giveUp();
      const top: Record<string, PlainValue> = {};
      let items: NodeItems | undefined;
      while (!lines.done && lines.indent === 0 && !isItem(lines.content)) {
        const entry = splitEntry(lines.content) ?? giveUp();
        lines.advance();
        if (entry.key === '__proto__' || (entry.key === 'nodes' && (items || Object.hasOwn(top, 'nodes')))) giveUp(); // the general reader's
        if (entry.key === 'nodes' && entry.rest === '' && !lines.done && isItem(lines.content)) {
          items = new NodeItems();
          items.read(lines, lines.indent);
          continue;
        }
        top[entry.key] = entry.rest === '' ? nestedValue(lines, 0) : inlineValue(entry.rest);
      }
      if (!lines.done && lines.indent > 0) giveUp();
      return { top, items };
    },
    undefined,
  );
}

/**
 * A concise profile whose single nodes are read straight from the text, or
 * the text's plain value when it has no block list of single nodes (so the
 * caller need not read it twice); undefined when the caller must read the
 * text again the general way (outside the subset, another kind, a problem).
 */
export function readConciseDirect(text: string, fallbackName: string): DirectRead | undefined {
  const read = readTop(text);
  if (!read) return undefined;
  if (!read.items) return { kind: 'value', value: read.top };
  if (read.top.kind !== 'ClusterProfile') return undefined;
  const reader = new PlainReader(read.top);
  const result = readConcise(reader, fallbackName, read.items.nodes);
  return result.errors.length === 0 ? { kind: 'profile', result } : undefined;
}
