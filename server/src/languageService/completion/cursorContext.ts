/**
 * What the user is completing, read from the text as it is on screen: half
 * typed keys, `key:` with no value, a dangling `- `, an indentation between
 * two levels. Block style is read line by line (half-typed text often parses
 * into odd trees); flow style falls back to the parsed tree.
 */
import type { Node as YamlNode } from 'yaml';
import { isMap, isPair, isSeq } from 'yaml';
import type { YamlDocument, YamlFile } from '../yamlModel';
import { documentAt, keyName } from '../yamlModel';

export type Segment = string | number;

export interface CursorContext {
  document: YamlDocument;
  /** Completing a key of the mapping at `path`, or the value of the key `path`. */
  kind: 'key' | 'value';
  path: Segment[];
  /** The text already typed, and the file range it replaces. */
  partial: string;
  start: number;
  end: number;
  /** Keys already present in the mapping being completed. */
  siblings: Set<string>;
  /** Column where a key typed here starts (for the indentation of inserted text). */
  keyColumn: number;
  /** The indentation step of the document (usually 2). */
  indentUnit: number;
  /** Whether the document has no content yet. */
  emptyDocument: boolean;
  /** Inside a flow collection (`{…}` / `[…]`): inserted text stays on the line. */
  flow?: boolean;
}

interface LineInfo {
  indent: number;
  /** Columns of the `- ` markers at the start of the line. */
  dashes: number[];
  keyColumn: number;
  key?: string;
  /** Text after `key:` (trimmed), when the line has a key. */
  value?: string;
  blank: boolean;
}

const KEY_LINE = /^([^\s#'"{}[\],][^#:]*?|"[^"]*"|'[^']*'):(?:\s+(.*))?$/;

function analyse(text: string): LineInfo {
  const expanded = text.replace(/\t/g, '  ');
  const indent = expanded.length - expanded.trimStart().length;
  let rest = expanded.slice(indent);
  const dashes: number[] = [];
  let column = indent;
  while (/^-(\s+|$)/.test(rest)) {
    dashes.push(column);
    const step = rest.length - rest.slice(1).trimStart().length;
    column += step;
    rest = rest.slice(step);
  }
  const blank = rest.trim() === '' || rest.startsWith('#');
  const withoutComment = rest.replace(/\s+#.*$/, '');
  const match = KEY_LINE.exec(withoutComment.trimEnd()) ?? KEY_LINE.exec(withoutComment);
  return { indent, dashes, keyColumn: column, key: match ? match[1].replace(/^["']|["']$/g, '') : undefined, value: match ? (match[2] ?? '').trim() : undefined, blank: blank && dashes.length === 0 };
}

/**
 * Ancestors of a position at `column` on line `line`: walks up to the lines
 * that own it. Returns the path and the lines of the mapping's siblings.
 */
function ancestors(lines: string[], line: number, column: number, startsItem: boolean): Segment[] {
  const path: Segment[] = [];
  let limit = column;
  let inItem = startsItem;
  for (let l = line - 1; l >= 0; l--) {
    const info = analyse(lines[l]);
    if (info.blank) continue;
    if (inItem) {
      // we are in a list item whose dash sits at `limit`: find the key owning the list
      if (info.dashes.length && info.dashes[info.dashes.length - 1] === limit && info.keyColumn > limit) {
        // an earlier item of the same list: our item's index is one more (items of a kubectl List are told apart by it)
        if (typeof path[0] === 'number') path[0]++;
        continue;
      }
      if (info.keyColumn <= limit && info.key !== undefined && info.value === '') {
        path.unshift(info.key);
        limit = info.keyColumn;
        inItem = false;
        if (info.dashes.length) {
          path.unshift(0);
          limit = info.dashes[info.dashes.length - 1];
          inItem = true;
        }
      } else if (info.keyColumn < limit || info.indent < limit) {
        return path; // the structure does not read as a list here
      }
      continue;
    }
    if (info.keyColumn > limit) continue; // deeper content of an earlier sibling
    if (info.dashes.length && info.keyColumn === limit) {
      // a sibling key on the line that starts our list item
      path.unshift(0);
      limit = info.dashes[info.dashes.length - 1];
      inItem = true;
      continue;
    }
    if (info.keyColumn === limit) continue; // a sibling key
    if (info.key !== undefined && info.value === '') {
      path.unshift(info.key);
      limit = info.keyColumn;
      if (info.dashes.length) {
        path.unshift(0);
        limit = info.dashes[info.dashes.length - 1];
        inItem = true;
      }
      continue;
    }
    return path;
  }
  return path;
}

/** Keys at `column` in the same mapping as `line` (scanning up and down). */
function siblingKeys(lines: string[], line: number, column: number, startsItem: boolean): Set<string> {
  const keys = new Set<string>();
  if (!startsItem) {
    for (let l = line - 1; l >= 0; l--) {
      const info = analyse(lines[l]);
      if (info.blank) continue;
      if (info.keyColumn < column && !(info.dashes.length && info.keyColumn === column)) break;
      if (info.keyColumn === column && info.key !== undefined) keys.add(info.key);
      if (info.dashes.length && info.keyColumn === column) break; // the line that starts our item
    }
  }
  for (let l = line + 1; l < lines.length; l++) {
    const info = analyse(lines[l]);
    if (info.blank) continue;
    if (info.keyColumn < column || (info.dashes.length && info.dashes[0] < column)) break;
    if (info.keyColumn === column && info.key !== undefined && !info.dashes.length) keys.add(info.key);
  }
  return keys;
}

function indentUnit(lines: string[]): number {
  let unit = 0;
  let previous = 0;
  for (const text of lines.slice(0, 200)) {
    const info = analyse(text);
    if (info.blank) continue;
    const step = info.indent - previous;
    if (step > 0 && (unit === 0 || step < unit)) unit = step;
    previous = info.indent;
  }
  return unit || 2;
}

/** The completion context at a file offset, or undefined where nothing should be offered. */
export function cursorContext(file: YamlFile, offset: number): CursorContext | undefined {
  const document = documentAt(file, offset);
  if (!document) return undefined;
  const position = document.lineIndex.positionAt(offset - document.start);
  const lines = document.text.split(/\r?\n|\r/);
  const lineText = lines[position.line] ?? '';
  const before = lineText.slice(0, position.character);
  const after = lineText.slice(position.character);
  if (/^(---|\.\.\.)/.test(before)) return undefined;
  if (/(^|\s)#/.test(before.replace(/"[^"]*"|'[^']*'/g, ''))) return undefined; // in a comment
  if (insideBlockScalar(lines, position.line, analyse(lineText).indent)) return undefined;
  const emptyDocument = document.doc.contents === null || lines.every((l) => analyse(l).blank || /^(---|\.\.\.)/.test(l));
  const wordAfter = /^[\w./-]*/.exec(after)?.[0] ?? '';
  const unit = indentUnit(lines);
  const flow = document.text.length <= MAX_FLOW_SCAN ? openFlow(document.text, offset - document.start) : undefined;
  if (flow) return flowContext(document, flow, offset, wordAfter, unit);

  const valueMatch = /^(\s*(?:-\s+)*)([^\s#:{}[\],][^#:]*?|"[^"]*"|'[^']*'):\s+(["']?)([^\s"'#]*)$/.exec(before.replace(/\t/g, '  '));
  if (valueMatch) {
    const info = analyse(before);
    const key = info.key ?? valueMatch[2];
    const startsItem = info.dashes.length > 0;
    // a line that starts a list item belongs to the list whose dash column it shares
    const parent = ancestors(lines, position.line, startsItem ? info.dashes[info.dashes.length - 1] : info.keyColumn, startsItem);
    const path = startsItem ? [...parent, 0] : parent;
    const partial = valueMatch[4];
    return { document, kind: 'value', path: [...path, key.replace(/^["']|["']$/g, '')], partial, start: offset - partial.length, end: offset + wordAfter.length, siblings: new Set(), keyColumn: info.keyColumn, indentUnit: unit, emptyDocument };
  }
  const keyMatch = /^(\s*(?:-\s+)*)([\w./-]*)$/.exec(before.replace(/\t/g, '  '));
  if (!keyMatch) return undefined;
  const partial = keyMatch[2];
  const column = keyMatch[1].length;
  const startsItem = /-\s+$/.test(keyMatch[1]) || /-$/.test(keyMatch[1].trimEnd());
  const parent = ancestors(lines, position.line, startsItem ? keyMatch[1].lastIndexOf('-') : column, startsItem);
  const path = startsItem ? [...parent, 0] : parent;
  return {
    document,
    kind: 'key',
    path,
    partial,
    start: offset - partial.length,
    end: offset + wordAfter.length,
    siblings: siblingKeys(lines, position.line, column, startsItem),
    keyColumn: column,
    indentUnit: unit,
    emptyDocument,
  };
}

/** Whether a line sits inside a `|` or `>` block scalar opened above it. */
function insideBlockScalar(lines: string[], line: number, indent: number): boolean {
  for (let l = line - 1; l >= 0; l--) {
    const info = analyse(lines[l]);
    if (info.blank) continue;
    if (info.indent < indent || (info.keyColumn < indent && lines[l].trim() !== '')) {
      return /:\s*[|>][-+0-9]*\s*(#.*)?$/.test(lines[l]);
    }
    if (/:\s*[|>][-+0-9]*\s*(#.*)?$/.test(lines[l]) && analyse(lines[l]).keyColumn < indent) return true;
  }
  return false;
}

/** Documents longer than this are not scanned for an open flow collection (a big JSON capture): completion there stays block-only. */
const MAX_FLOW_SCAN = 256 * 1024;

interface OpenFlow {
  bracket: '{' | '[';
  /** Document-relative offset of the bracket. */
  start: number;
}

const LINE_BREAK = /[\r\n]/g;

/** The innermost flow collection still open at a document-relative offset (quotes and comments skipped), or undefined in block context. */
function openFlow(text: string, offset: number): OpenFlow | undefined {
  const stack: OpenFlow[] = [];
  let previous = '\n'; // the last character outside a scalar, to tell a quote that opens a scalar from an apostrophe
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if ((c === '"' || c === "'") && /[\s:,[{-]/.test(previous)) {
      const close = text.indexOf(c, i + 1);
      if (close < 0 || close >= offset) return stack[stack.length - 1]; // the cursor is inside the quoted scalar
      i = close;
      previous = c;
      continue;
    }
    if (c === '#' && /\s/.test(previous)) {
      LINE_BREAK.lastIndex = i; // a comment ends at `\n`, `\r\n` or a lone `\r`
      const end = LINE_BREAK.exec(text)?.index ?? -1;
      if (end < 0 || end >= offset) return undefined; // in a comment
      i = end - 1;
      continue;
    }
    if (c === '{' || c === '[') stack.push({ bracket: c, start: i });
    else if ((c === '}' || c === ']') && stack.length) stack.pop();
    if (!/[ \t]/.test(c)) previous = c;
  }
  return stack[stack.length - 1];
}

/** The path of the collection that starts at a document-relative offset, or undefined when the parse lost it. */
function pathOfNodeAt(node: unknown, start: number, path: Segment[]): { path: Segment[]; node: YamlNode } | undefined {
  const range = (node as YamlNode | null)?.range;
  if (!range || start < range[0] || start > range[1]) return undefined;
  if (range[0] === start && (isMap(node) || isSeq(node))) return { path, node };
  if (isMap(node)) {
    for (const pair of node.items) {
      const name = isPair(pair) ? keyName(pair) : undefined;
      const found = name === undefined ? undefined : pathOfNodeAt(pair.value, start, [...path, name]);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const found = pathOfNodeAt(node.items[i], start, [...path, i]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Completion inside `{…}` (keys, or the value after `key: `) and `[…]` (an item's value). */
function flowContext(document: YamlDocument, flow: OpenFlow, offset: number, wordAfter: string, indentUnit: number): CursorContext | undefined {
  const text = document.text;
  const cursor = offset - document.start;
  // the current entry starts after the last separator of this collection
  let entryStart = flow.start + 1;
  let index = 0;
  let depth = 0;
  for (let i = flow.start + 1; i < cursor; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      entryStart = i + 1;
      index++;
    }
  }
  const entry = text.slice(entryStart, cursor).replace(/^\s+/, '');
  const collection = pathOfNodeAt(document.doc.contents, flow.start, []);
  if (!collection) return undefined;
  const base = { document, end: offset + wordAfter.length, keyColumn: 0, indentUnit, emptyDocument: false, flow: true };
  if (flow.bracket === '[') {
    const item = /^(["']?)([\w./-]*)$/.exec(entry);
    return item ? { ...base, kind: 'value', path: [...collection.path, index], partial: item[2], start: offset - item[2].length, siblings: new Set() } : undefined;
  }
  const value = /^([^\s:,{}[\]"']+|"[^"]*"|'[^']*')\s*:\s+(["']?)([^\s"',{}[\]]*)$/.exec(entry);
  if (value) {
    const partial = value[3];
    return { ...base, kind: 'value', path: [...collection.path, value[1].replace(/^["']|["']$/g, '')], partial, start: offset - partial.length, siblings: new Set() };
  }
  const key = /^([\w./-]*)$/.exec(entry);
  if (!key) return undefined;
  const siblings = new Set<string>();
  if (isMap(collection.node)) {
    for (const pair of collection.node.items) {
      const name = isPair(pair) ? keyName(pair) : undefined;
      if (name !== undefined && name !== key[1] + wordAfter) siblings.add(name);
    }
  }
  return { ...base, kind: 'key', path: collection.path, partial: key[1], start: offset - key[1].length, siblings };
}
