/**
 * A fast reader for the plain YAML subset big cluster profiles are written in
 * (one document of block mappings and sequences, one-line flow collections,
 * plain and quoted one-line scalars, comments). It builds plain values in one
 * pass without the `yaml` package's node tree, which costs about 50 s and
 * 2.4 GB on a 100,000-node profile.
 *
 * It never guesses: on anything outside the subset (anchors, aliases, tags,
 * merge keys, block scalars, multi-line scalars or flows, escapes, tabs in
 * indentation, several documents, odd indentation) it gives up and answers
 * undefined, and the caller reads the text with the full parser, which also
 * reports syntax errors with their lines. Scalars resolve as the full parser
 * resolves them (go-yaml v2 rules, goYamlScalars.ts); a number or boolean
 * keeps the text it was written as, since profile readers read labels as written.
 */
import { plainScalarValue } from '../yamlModel';

/** A number or boolean scalar with the text it was written as (`1.10`, `on`, `0x1F`). */
export class WrittenScalar {
  constructor(
    readonly value: number | boolean,
    readonly source: string,
  ) {}
}

export type PlainValue = string | number | boolean | null | WrittenScalar | PlainValue[] | { [key: string]: PlainValue };

/** Thrown inside the reader when the text leaves the subset; never escapes it. */
class OutsideSubset extends Error {}

/**
 * A new mapping. Plain objects (V8 shares their layout between the many
 * nodes of a profile; a prototype-less one costs a hash table each), so a key
 * named `__proto__` is defined as an own property rather than assigned; the
 * readers look only at own keys.
 */
function newMap(): Record<string, PlainValue> {
  return {};
}

function setKey(map: Record<string, PlainValue>, key: string, value: PlainValue): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

/** Leaves the subset: the read answers undefined and the caller uses the full parser. */
export const giveUp = (): never => {
  throw new OutsideSubset();
};

/** Characters a plain scalar may not start with (YAML c-indicator), besides `-`, `?`, `:` followed by a space. */
const INDICATORS = new Set(['&', '*', '!', '|', '>', '%', '@', '`', '#', ',', '[', ']', '{', '}', '"', "'"]);

const CONTROL = /[\x00-\x1f\x7f]/;

export class Lines {
  /** The current line: its indentation and its text after the indentation (trailing spaces and CR off). */
  indent = -1;
  content = '';
  private next = 0;
  constructor(private readonly text: string) {
    this.advance();
  }

  get done(): boolean {
    return this.indent < 0;
  }

  /** Moves to the next line that holds more than a comment. */
  advance(): void {
    const text = this.text;
    while (this.next < text.length) {
      let end = text.indexOf('\n', this.next);
      if (end < 0) end = text.length;
      const start = this.next;
      this.next = end + 1;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      // One string per line, cut after its indentation: a 100,000-node profile has a million lines.
      let at = start;
      while (at < end && text.charCodeAt(at) === 32) at++;
      if (at === end || text.charCodeAt(at) === 35) continue; // blank, or a comment
      const line = text.slice(at, end);
      if (CONTROL.test(line)) giveUp(); // tabs, a lone CR, control characters: the full parser's business
      this.indent = at - start;
      this.content = line.trimEnd();
      return;
    }
    this.indent = -1;
    this.content = '';
  }

  /** Treats the rest of the current line (after `- `) as a line of its own at `indent`. */
  rest(indent: number, content: string): void {
    this.indent = indent;
    this.content = content;
  }
}

/** Plain scalars by their text, during one read (emptied after it: nothing is held between reads). */
const memo = new Map<string, PlainValue>();

/** A plain scalar's value, as the full parser resolves it (memoised: profiles repeat their values). */
export function plain(text: string): PlainValue {
  if (text === '') return null;
  const c = text.charCodeAt(0);
  // A scalar starting with a letter is a string unless it is one of go-yaml's words (true, False, yes, N, on, OFF, null…):
  // all start with one of yYnNtTfFoO and are at most 5 letters long.
  if (((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) && (text.length > 5 || !'yYnNtTfFoO'.includes(text[0]))) return text;
  let value = memo.get(text);
  if (value === undefined) {
    const resolved = plainScalarValue(text);
    value = typeof resolved === 'number' || typeof resolved === 'boolean' ? new WrittenScalar(resolved, text) : resolved;
    if (memo.size > 100_000) memo.clear();
    memo.set(text, value);
  }
  return value;
}

/** A key as the string kubectl sends; only string keys are in the subset. */
function keyOf(text: string, quoted: boolean): string {
  if (quoted) return text;
  if (text === '<<') giveUp(); // a merge key
  const value = plain(text);
  return typeof value === 'string' ? value : giveUp();
}

/** A one-line quoted scalar at `start` (the quote): its value and the index after it. Escapes are outside the subset. */
function quoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  if (quote === '"') {
    const end = text.indexOf('"', start + 1);
    if (end < 0) giveUp();
    const value = text.slice(start + 1, end);
    if (value.includes('\\')) giveUp();
    return { value, end: end + 1 };
  }
  let value = '';
  let from = start + 1;
  for (;;) {
    const end = text.indexOf("'", from);
    if (end < 0) giveUp();
    value += text.slice(from, end);
    if (text[end + 1] !== "'") return { value, end: end + 1 };
    value += "'";
    from = end + 2;
  }
}

/** Only spaces and a comment may follow a value on its line. */
function endOfLine(text: string, at: number): void {
  const rest = text.slice(at);
  if (rest.trim() !== '' && !/^\s+#/.test(rest)) giveUp();
}

const SPACE = 32;
const HASH = 35;
const COLON = 58;

/** `,` `[` `]` `{` `}`: the characters that end a scalar inside a flow. */
const isFlowIndicator = (code: number) => code === 44 || code === 91 || code === 93 || code === 123 || code === 125;

/** A flow collection or scalar inside `[…]` / `{…}`, on one line. */
function flow(text: string, at: number): { value: PlainValue; end: number } {
  while (text[at] === ' ') at++;
  const c = text[at];
  if (c === '[' || c === '{') {
    const close = c === '[' ? ']' : '}';
    const list: PlainValue[] = [];
    const map = newMap();
    at++;
    for (;;) {
      while (text[at] === ' ') at++;
      if (text[at] === close) return { value: c === '[' ? list : map, end: at + 1 };
      if (c === '[') {
        const item = flow(text, at);
        list.push(item.value);
        at = item.end;
      } else {
        const key = flowKey(text, at);
        const item = flow(text, key.end);
        setKey(map, key.key, item.value);
        at = item.end;
      }
      while (text[at] === ' ') at++;
      if (text[at] === ',') at++;
      else if (text[at] !== close) giveUp();
    }
  }
  if (c === '"' || c === "'") {
    const q = quoted(text, at);
    return { value: q.value, end: q.end };
  }
  if (c === undefined || INDICATORS.has(c) || ((c === '-' || c === '?' || c === ':') && (text[at + 1] === ' ' || text[at + 1] === undefined))) giveUp();
  let end = at;
  // Character codes, not one-character strings: a big profile has a flow on every node.
  for (; end < text.length; end++) {
    const code = text.charCodeAt(end);
    if (isFlowIndicator(code) || (code === COLON && (end + 1 === text.length || isFlowIndicator(text.charCodeAt(end + 1)) || text.charCodeAt(end + 1) === SPACE)) || (code === HASH && text.charCodeAt(end - 1) === SPACE)) break;
  }
  if (text[end] === ':' || text[end] === '#') giveUp(); // a nested single pair or a comment inside a flow
  return { value: plain(text.slice(at, end).trimEnd()), end };
}

/** `key:` inside a flow mapping; returns the index after the colon. */
function flowKey(text: string, at: number): { key: string; end: number } {
  let key: string;
  let end: number;
  if (text[at] === '"' || text[at] === "'") {
    const q = quoted(text, at);
    key = q.value;
    end = q.end;
  } else {
    end = at;
    for (; end < text.length; end++) {
      const code = text.charCodeAt(end);
      if (isFlowIndicator(code) || code === COLON || code === HASH) break;
    }
    if (INDICATORS.has(text[at]) || end === at) giveUp();
    key = keyOf(text.slice(at, end).trimEnd(), false);
  }
  while (text[end] === ' ') end++;
  if (text[end] !== ':' || !' ,[]{}'.includes(text[end + 1] ?? ' ')) giveUp(); // `{a, b}` (keys without values) is outside the subset
  return { key, end: end + 1 };
}

/** A value on the rest of a line: a flow collection, a quoted or a plain scalar. */
/**
 * One-line flow collections by their text, during one read: a big profile
 * writes the same `allocatable: {cpu: "8", memory: 32Gi}` on thousands of
 * nodes, read once. The value is shared, which is safe because readers never
 * change plain values.
 */
const flows = new Map<string, PlainValue>();

export function inlineValue(text: string): PlainValue {
  const c = text[0];
  if (c === '[' || c === '{') {
    const known = flows.get(text);
    if (known !== undefined) return known;
    const { value, end } = flow(text, 0);
    endOfLine(text, end);
    if (text.length <= 256) {
      if (flows.size >= 10_000) flows.clear();
      flows.set(text, value);
    }
    return value;
  }
  if (c === '"' || c === "'") {
    const { value, end } = quoted(text, 0);
    endOfLine(text, end);
    return value;
  }
  if (INDICATORS.has(c) || ((c === '-' || c === '?' || c === ':') && (text[1] === ' ' || text[1] === undefined))) giveUp();
  const comment = text.indexOf(' #');
  const value = comment < 0 ? text : text.slice(0, comment).trimEnd();
  if (value.includes(': ') || value.endsWith(':')) giveUp(); // `a: b: c` is a syntax error
  return plain(value);
}

/** Splits `key: rest` (or `key:`) at the start of a line; undefined when the line is no mapping entry. */
export function splitEntry(content: string): { key: string; rest: string } | undefined {
  const c = content[0];
  if (c === '"' || c === "'") {
    const { value, end } = quoted(content, 0);
    let at = end;
    while (content[at] === ' ') at++;
    if (content[at] !== ':' || (content[at + 1] !== ' ' && content[at + 1] !== undefined)) giveUp();
    return { key: value, rest: content.slice(at + 1).trimStart() };
  }
  const comment = content.indexOf(' #');
  const head = comment < 0 ? content : content.slice(0, comment);
  let colon = head.indexOf(': ');
  if (colon < 0 && head.endsWith(':')) colon = head.length - 1;
  if (colon < 0) return undefined;
  if (INDICATORS.has(c) || c === '?' || c === ':') giveUp();
  const rest = content.slice(colon + 1).trimStart();
  return { key: keyOf(head.slice(0, colon).trimEnd(), false), rest: rest.startsWith('#') ? '' : rest };
}

export const isItem = (content: string) => content === '-' || content.startsWith('- ');

/** A block node starting on the current line, at `indent`. */
function block(lines: Lines, indent: number): PlainValue {
  return isItem(lines.content) ? sequence(lines, indent) : mapping(lines, indent);
}

/** The value of `key:` with nothing after the colon: a nested block, a sequence at the key's own indentation, or null. */
export function nestedValue(lines: Lines, parentIndent: number): PlainValue {
  if (lines.done) return null;
  if (lines.indent > parentIndent) return block(lines, lines.indent);
  if (lines.indent === parentIndent && isItem(lines.content)) return sequence(lines, parentIndent);
  return null;
}

function mapping(lines: Lines, indent: number): Record<string, PlainValue> {
  const map = newMap();
  while (!lines.done && lines.indent === indent && !isItem(lines.content)) {
    const entry = splitEntry(lines.content) ?? giveUp();
    lines.advance();
    setKey(map, entry.key, entry.rest === '' ? nestedValue(lines, indent) : inlineValue(entry.rest));
  }
  if (!lines.done && lines.indent > indent) giveUp(); // a continuation line or stray indentation
  return map;
}

function sequence(lines: Lines, indent: number): PlainValue[] {
  const list: PlainValue[] = [];
  while (!lines.done && lines.indent === indent && isItem(lines.content)) {
    const after = lines.content.slice(1);
    const text = after.trimStart();
    if (text === '' || text.startsWith('#')) {
      lines.advance();
      list.push(lines.done || lines.indent <= indent ? null : block(lines, lines.indent));
      continue;
    }
    const column = indent + 1 + (after.length - text.length);
    if (isItem(text)) giveUp(); // `- - x`
    if (text[0] !== '[' && text[0] !== '{' && splitEntry(text)) {
      lines.rest(column, text); // `- key: value` opens a mapping at the key's column
      list.push(mapping(lines, column));
      continue;
    }
    list.push(inlineValue(text));
    lines.advance();
  }
  if (!lines.done && lines.indent > indent) giveUp();
  return list;
}

/**
 * Runs `read` on the lines of the text's one document, from its first line at
 * indentation 0 (after a BOM and a `---`); undefined when the text leaves
 * the subset. `read` must consume every line. The memos live for one read.
 */
export function readSubset<T>(text: string, read: (lines: Lines) => T, empty: T): T | undefined {
  try {
    const lines = new Lines(text.startsWith('\ufeff') ? text.slice(1) : text);
    if (!lines.done && lines.indent === 0 && (lines.content === '---' || lines.content.startsWith('--- #'))) lines.advance();
    if (lines.done) return empty;
    if (lines.content.startsWith('%') || lines.content.startsWith('---') || lines.content.startsWith('...')) giveUp();
    if (lines.indent !== 0) giveUp();
    const value = read(lines);
    if (!lines.done) giveUp(); // another document, or text the subset does not cover
    return value;
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  } finally {
    memo.clear();
    flows.clear();
  }
}

/**
 * The text's value when it is one document in the subset; undefined when it is
 * not (the caller then uses the full parser, which also reports syntax errors).
 */
export function readFastYaml(text: string): PlainValue | undefined {
  return readSubset(text, (lines) => block(lines, 0), null);
}
