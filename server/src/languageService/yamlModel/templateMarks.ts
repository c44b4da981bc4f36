/**
 * What a templated document (a Helm chart template, or any YAML with Go
 * template actions) leaves unknown until it is rendered. The masking step
 * (server/src/helm/masking) replaces every action with same-length text, so
 * offsets stay those of the file the user edits, and records here where the
 * actions were. The rules ask these helpers before concluding anything from a
 * value or from an absence:
 * - {@link isUnknownValue}: a scalar an action writes (`key: {{ .Values.x }}`,
 *   `"{{ a }}-{{ b }}"`): no type, enum, quantity or format error on it;
 * - {@link isUnknownKey}: a key an action writes (`{{ $k }}: v`): never an
 *   unknown field or a duplicate;
 * - {@link mayHaveMoreContent}: a map or list into which an action writes a
 *   block (`{{- toYaml .Values.x | nindent 8 }}`), or a key whose whole value
 *   is such a block: no missing-required for what the block may hold;
 * - {@link inExclusiveBranches}: two places in different branches of one
 *   `if`/`else` (or `with`/`range` … `else`): never rendered together.
 */
import type { Node as YamlNode, Pair } from 'yaml';
import { isPair, isScalar, visit } from 'yaml';
import type { YamlDocument } from './yamlFile';

/** A place (document-relative offsets) where the masking hid an action. */
export interface TemplateSpan {
  start: number;
  end: number;
}

/** A blank line that stands for a block of unknown content written by an action. */
export interface TemplateBlock {
  /** Document-relative offset of the line's start. */
  offset: number;
  /** The column the block's content starts at (from `nindent N`, else the action's column). */
  indent: number;
}

/** One branch of an `if`/`with`/`range` … `else` chain (document-relative offsets). */
export interface TemplateBranch {
  chain: number;
  branch: number;
  start: number;
  end: number;
}

export interface TemplateMarks {
  /** Sorted spans of masked actions that write part of a line (a scalar or key of unknown text). */
  unknown: TemplateSpan[];
  blocks: TemplateBlock[];
  branches: TemplateBranch[];
}

function marksOf(document: YamlDocument): TemplateMarks | undefined {
  return document.template;
}

/** Whether any unknown span overlaps or touches [start, end] (document-relative). */
function touchesUnknown(marks: TemplateMarks, start: number, end: number): boolean {
  // Binary search for the first span ending at or after start.
  const spans = marks.unknown;
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo].start <= end;
}

/** A scalar (value or key) whose text an action writes, in whole or in part. */
export function isUnknownValue(document: YamlDocument, node: unknown): boolean {
  const marks = marksOf(document);
  if (!marks || !isScalar(node) || !node.range) return false;
  return touchesUnknown(marks, node.range[0], node.range[1]);
}

/** A key whose name an action writes (`{{ $name }}: …`). */
export function isUnknownKey(document: YamlDocument, pair: Pair): boolean {
  return isUnknownValue(document, pair.key);
}

/** Whether the document is a template (masked), so absences may be filled in when it renders. */
export function isTemplated(document: YamlDocument): boolean {
  return document.template !== undefined;
}

interface Owners {
  collections: Set<unknown>;
  pairs: Set<Pair>;
}

const ownersCache = new WeakMap<TemplateMarks, Owners>();

/**
 * A map or list an action may add entries to, or a pair whose value is
 * written by an action (`tolerations:` followed by `{{- toYaml … | nindent 8 }}`).
 * Pass the collection node, or the pair when asking about its value.
 */
export function mayHaveMoreContent(document: YamlDocument, nodeOrPair: unknown): boolean {
  const marks = marksOf(document);
  if (!marks || marks.blocks.length === 0 || !nodeOrPair) return false;
  let owners = ownersCache.get(marks);
  if (!owners) {
    owners = blockOwners(document, marks);
    ownersCache.set(marks, owners);
  }
  return isPair(nodeOrPair) ? owners.pairs.has(nodeOrPair) || owners.collections.has(nodeOrPair.value) : owners.collections.has(nodeOrPair);
}

/** Whether two document-relative offsets sit in different branches of one conditional. */
export function inExclusiveBranches(document: YamlDocument, a: number, b: number): boolean {
  const marks = marksOf(document);
  if (!marks) return false;
  const branchOf = (offset: number) => new Map(marks.branches.filter((br) => br.start <= offset && offset < br.end).map((br) => [br.chain, br.branch]));
  const first = branchOf(a);
  if (first.size === 0) return false;
  for (const [chain, branch] of branchOf(b)) if (first.has(chain) && first.get(chain) !== branch) return true;
  return false;
}

/** Offsets (document-relative) of the parts of a block-style line: dashes, then a key or a value. */
interface LineShape {
  dashes: number[];
  /** Column of the content after the dashes (a key or a scalar), -1 when none. */
  content: number;
  /** The line is `key:` with nothing after it (a nested value follows). */
  opensValue: boolean;
}

function lineShape(line: string): LineShape | undefined {
  const indent = line.length - line.trimStart().length;
  if (indent === line.length || line[indent] === '#') return undefined; // blank or comment
  const dashes: number[] = [];
  let column = indent;
  while (line[column] === '-' && (column + 1 === line.length || line[column + 1] === ' ')) {
    dashes.push(column);
    column++;
    while (line[column] === ' ') column++;
  }
  const rest = line.slice(column).replace(/\s+#.*$/, '').trimEnd();
  return { dashes, content: rest ? column : -1, opensValue: /:$/.test(rest) || rest === '' };
}

/**
 * Finds, for every block, which collection or pair it writes into: the
 * closest line above at the block's indentation or less decides (a key at
 * that column: a sibling in its map; a dash: a sibling in its list; a `key:`
 * further left: that key's value).
 */
function blockOwners(document: YamlDocument, marks: TemplateMarks): Owners {
  const owners: Owners = { collections: new Set(), pairs: new Set() };
  const { pairsByKey, seqsByDash } = indexNodes(document);
  const text = document.text;
  const lineStarts = document.lineIndex.lineStarts;
  for (const block of marks.blocks) {
    const blockLine = document.lineIndex.positionAt(block.offset).line;
    for (let l = blockLine - 1; l >= 0; l--) {
      const start = lineStarts[l];
      const shape = lineShape(text.slice(start, (lineStarts[l + 1] ?? text.length)).replace(/\r?\n$/, ''));
      if (!shape) continue;
      const columns = [...shape.dashes, shape.content].filter((c) => c >= 0);
      if (columns[0] > block.indent) continue; // deeper than the block: an earlier sibling's content
      if (shape.content === block.indent) {
        const entry = pairsByKey.get(start + block.indent);
        if (entry) owners.collections.add(entry.map);
        // `containers:` then a block at its own column: list items may sit at their key's indentation.
        if (entry && shape.opensValue) {
          owners.pairs.add(entry.pair);
          if (entry.pair.value) owners.collections.add(entry.pair.value);
        }
      } else if (shape.dashes.includes(block.indent)) {
        const seq = seqsByDash.get(start + block.indent);
        if (seq) owners.collections.add(seq);
      } else if (shape.content >= 0 && shape.content < block.indent && shape.opensValue) {
        const entry = pairsByKey.get(start + shape.content);
        if (entry) {
          owners.pairs.add(entry.pair);
          if (entry.pair.value) owners.collections.add(entry.pair.value);
        }
      }
      break;
    }
  }
  return owners;
}

/** Pairs by the offset of their key, lists by the offset of each item's dash. */
function indexNodes(document: YamlDocument): { pairsByKey: Map<number, { pair: Pair; map: unknown }>; seqsByDash: Map<number, unknown> } {
  const pairsByKey = new Map<number, { pair: Pair; map: unknown }>();
  const seqsByDash = new Map<number, unknown>();
  const text = document.text;
  visit(document.doc, {
    Map(_, map) {
      for (const pair of map.items) {
        const key = pair.key as YamlNode | null;
        if (isPair(pair) && key?.range) pairsByKey.set(key.range[0], { pair, map });
      }
    },
    Seq(_, seq) {
      for (const item of seq.items) {
        const range = (item as YamlNode | null)?.range;
        if (!range) continue;
        // The dash is the last `-` before the item's content on its line.
        let at = range[0] - 1;
        while (at >= 0 && (text[at] === ' ' || text[at] === '\t')) at--;
        if (text[at] === '-') seqsByDash.set(at, seq);
      }
    },
  });
  return { pairsByKey, seqsByDash };
}

/**
 * Whether a node is known through and through: no action writes any of its
 * text, no block of unknown content lies inside it or extends it.
 */
export function isFullyKnown(document: YamlDocument, node: unknown): boolean {
  const marks = marksOf(document);
  if (!marks) return true;
  const range = (node as YamlNode | null | undefined)?.range;
  if (!range) return true;
  if (touchesUnknown(marks, range[0], range[1])) return false;
  if (marks.blocks.some((b) => b.offset >= range[0] && b.offset <= range[1])) return false;
  return !mayHaveMoreContent(document, node);
}
