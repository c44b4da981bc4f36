/**
 * The lexer of Go's text/template (text/template/parse/lex.go): splits a
 * template into text and the items of its actions. Positions are offsets into
 * the source; the parser turns them into lines for errors and the line map.
 */

export type ItemType =
  | 'text' | 'leftDelim' | 'rightDelim' | 'space' | 'comment'
  | 'identifier' | 'keyword' | 'field' | 'variable' | 'dot' | 'nil' | 'bool'
  | 'number' | 'char' | 'string' | 'rawString'
  | 'pipe' | 'leftParen' | 'rightParen' | 'declare' | 'assign' | 'comma' | 'eof';

export interface Item {
  type: ItemType;
  /** The item's source text (for text: after trimming; for fields: `.Name`). */
  value: string;
  pos: number;
}

export const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);

/** A lexing failure at an offset of the source. */
export class LexError extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
  }
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string): boolean => c === '_' || /[\p{L}\p{Nd}]/u.test(c);

/** Items of `src`, ending with `eof`. Throws LexError on a malformed action. */
export function lex(src: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  while (pos < src.length) {
    const open = src.indexOf('{{', pos);
    const textEnd = open < 0 ? src.length : open;
    let text = src.slice(pos, textEnd);
    const textPos = pos;
    if (open < 0) {
      if (text) items.push({ type: 'text', value: text, pos: textPos });
      break;
    }
    // `{{- ` trims the white space before it: the marker needs a space after the dash.
    const trimLeft = src[open + 2] === '-' && isSpace(src[open + 3] ?? '');
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
    if (text) items.push({ type: 'text', value: text, pos: textPos });
    let p = open + 2 + (trimLeft ? 2 : 0);
    const afterLeft = p;
    // A comment is `{{/* … */}}`, right after the delimiter (and trim marker).
    if (src.startsWith('/*', p)) {
      const close = src.indexOf('*/', p + 2);
      if (close < 0) throw new LexError('unclosed comment', open);
      p = close + 2;
      const trimRight = src.startsWith(' -}}', p) || (isSpace(src[p] ?? '') && src.startsWith('-}}', p + 1));
      if (trimRight) p += 4;
      else if (src.startsWith('}}', p)) p += 2;
      else throw new LexError('comment ends before closing delimiter', open);
      items.push({ type: 'comment', value: src.slice(afterLeft, close + 2), pos: open });
      pos = trimRight ? skipSpace(src, p) : p;
      continue;
    }
    items.push({ type: 'leftDelim', value: '{{', pos: open });
    pos = lexInsideAction(src, p, items);
  }
  items.push({ type: 'eof', value: '', pos: src.length });
  return items;
}

function skipSpace(src: string, p: number): number {
  while (p < src.length && isSpace(src[p])) p++;
  return p;
}

/** Lexes one action from `p` (after `{{`), returns the offset after `}}` (and the trimmed space). */
function lexInsideAction(src: string, p: number, items: Item[]): number {
  let parenDepth = 0;
  for (;;) {
    // ` -}}` closes and trims what follows.
    if (isSpace(src[p] ?? '') && src.startsWith('-}}', p + 1) && parenDepth === 0) {
      items.push({ type: 'rightDelim', value: '}}', pos: p + 1 });
      return skipSpace(src, p + 4);
    }
    if (src.startsWith('}}', p)) {
      if (parenDepth > 0) throw new LexError('unclosed left paren', p);
      items.push({ type: 'rightDelim', value: '}}', pos: p });
      return p + 2;
    }
    if (p >= src.length) throw new LexError('unclosed action', p);
    const c = src[p];
    const start = p;
    if (isSpace(c)) {
      while (p < src.length && isSpace(src[p]) && !src.startsWith('-}}', p + 1)) p++;
      if (p === start) p++;
      items.push({ type: 'space', value: src.slice(start, p), pos: start });
      continue;
    }
    if (c === '=') {
      items.push({ type: 'assign', value: '=', pos: p });
      p++;
    } else if (c === ':') {
      if (src[p + 1] !== '=') throw new LexError('expected :=', p);
      items.push({ type: 'declare', value: ':=', pos: p });
      p += 2;
    } else if (c === '|') {
      items.push({ type: 'pipe', value: '|', pos: p });
      p++;
    } else if (c === '"') {
      p++;
      while (src[p] !== '"') {
        if (src[p] === '\\') p++;
        if (p >= src.length || src[p] === '\n') throw new LexError('unterminated quoted string', start);
        p++;
      }
      p++;
      items.push({ type: 'string', value: src.slice(start, p), pos: start });
    } else if (c === '`') {
      const close = src.indexOf('`', p + 1);
      if (close < 0) throw new LexError('unterminated raw quoted string', start);
      p = close + 1;
      items.push({ type: 'rawString', value: src.slice(start, p), pos: start });
    } else if (c === "'") {
      p++;
      while (src[p] !== "'") {
        if (src[p] === '\\') p++;
        if (p >= src.length || src[p] === '\n') throw new LexError('unterminated character constant', start);
        p++;
      }
      p++;
      items.push({ type: 'char', value: src.slice(start, p), pos: start });
    } else if (c === '$') {
      p++;
      while (p < src.length && isAlphaNumeric(src[p])) p++;
      items.push({ type: 'variable', value: src.slice(start, p), pos: start });
    } else if (c === '.') {
      if (/[0-9]/.test(src[p + 1] ?? '')) {
        p = scanNumber(src, p);
        items.push({ type: 'number', value: src.slice(start, p), pos: start });
      } else {
        p++;
        while (p < src.length && isAlphaNumeric(src[p])) p++;
        items.push(p === start + 1 ? { type: 'dot', value: '.', pos: start } : { type: 'field', value: src.slice(start, p), pos: start });
      }
    } else if (c === '+' || c === '-' || /[0-9]/.test(c)) {
      p = scanNumber(src, p);
      if (p === start + 1 && (c === '+' || c === '-')) throw new LexError(`bad number syntax: "${c}"`, start);
      items.push({ type: 'number', value: src.slice(start, p), pos: start });
    } else if (isAlphaNumeric(c)) {
      while (p < src.length && isAlphaNumeric(src[p])) p++;
      const word = src.slice(start, p);
      const type: ItemType = KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'identifier';
      items.push({ type, value: word, pos: start });
    } else if (c === '(') {
      parenDepth++;
      items.push({ type: 'leftParen', value: '(', pos: p });
      p++;
    } else if (c === ')') {
      parenDepth--;
      if (parenDepth < 0) throw new LexError('unexpected right paren', p);
      items.push({ type: 'rightParen', value: ')', pos: p });
      p++;
    } else if (c === ',') {
      items.push({ type: 'comma', value: ',', pos: p });
      p++;
    } else {
      throw new LexError(`unrecognized character in action: ${JSON.stringify(c)}`, p);
    }
    // A field may follow directly: `(x).Field`, `$x.Field`, `.A.B` are lexed as separate field items.
  }
}

function scanNumber(src: string, p: number): number {
  const start = p;
  if (src[p] === '+' || src[p] === '-') p++;
  let digits = '0123456789_';
  if (src[p] === '0' && /[xXoObB]/.test(src[p + 1] ?? '')) {
    const base = src[p + 1].toLowerCase();
    digits = base === 'x' ? '0123456789abcdefABCDEF_' : base === 'o' ? '01234567_' : '01_';
    p += 2;
  }
  while (p < src.length && digits.includes(src[p])) p++;
  if (src[p] === '.') {
    p++;
    while (p < src.length && digits.includes(src[p])) p++;
  }
  if (digits.length <= 11 && /[eE]/.test(src[p] ?? '')) {
    p++;
    if (src[p] === '+' || src[p] === '-') p++;
    while (p < src.length && /[0-9_]/.test(src[p])) p++;
  } else if (digits.length > 11 && /[pP]/.test(src[p] ?? '')) {
    p++;
    if (src[p] === '+' || src[p] === '-') p++;
    while (p < src.length && /[0-9_]/.test(src[p])) p++;
  }
  if (src[p] === 'i') p++;
  // Go: a number followed by an alphanumeric is bad syntax (`3k`).
  if (p < src.length && isAlphaNumeric(src[p])) throw new LexError(`bad number syntax: "${src.slice(start, p + 1)}"`, start);
  return p;
}
