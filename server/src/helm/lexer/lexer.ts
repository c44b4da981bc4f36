/**
 * A lexer for Go's text/template, as Helm uses it (delimiters `{{` `}}`),
 * following the states of Go's text/template/parse/lex.go: text, left
 * delimiter (with the `{{- ` trim marker), comment (`/* … *\/`, which must be
 * followed by the right delimiter), and inside an action: spaces (newlines
 * included, as since Go 1.16), fields, variables, identifiers and keywords,
 * numbers, chars, quoted and raw strings (a `}}` inside them does not close
 * the action), pipes, parentheses, `:=`, `=`, `,`.
 *
 * It never throws: an error is recorded (in Go's words) and lexing goes on
 * as far as it sensibly can, so an editor gets segments for a half-typed
 * template. An unclosed action runs to the end of the source, as in Go.
 */
import type { ActionSegment, LexError, LexResult, Segment, Token, TokenType } from './types';

const LEFT = '{{';
const RIGHT = '}}';

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);

/** Go's isSpace in the template lexer: space, tab and line breaks. */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** Go's isAlphaNumeric: `_`, a Unicode letter or digit. */
function isAlphaNumeric(c: string | undefined): boolean {
  return c !== undefined && (c === '_' || /[\p{L}\p{Nd}]/u.test(c));
}

/** `{{- ` : a minus followed by a space. */
function hasLeftTrimMarker(text: string, at: number): boolean {
  return text[at] === '-' && isSpace(text[at + 1]);
}

/** ` -}}`: a space, a minus, then the right delimiter. */
function atTrimmedRight(text: string, at: number): boolean {
  return isSpace(text[at]) && text[at + 1] === '-' && text.startsWith(RIGHT, at + 2);
}

/** Whether the source holds any template action at all (a cheap test before lexing). */
export function hasTemplateActions(text: string): boolean {
  return text.includes(LEFT);
}

/**
 * Cuts a template source into text and action segments, with each action's
 * tokens. `from` starts lexing later in the source (offsets stay those of the
 * whole source).
 */
export function lexTemplate(text: string, from = 0): LexResult {
  const segments: Segment[] = [];
  const errors: LexError[] = [];
  let pos = from;
  while (pos < text.length) {
    const open = text.indexOf(LEFT, pos);
    if (open < 0) break;
    if (open > pos) segments.push({ kind: 'text', start: pos, end: open });
    const action = lexAction(text, open, errors);
    segments.push(action);
    pos = action.end;
  }
  if (pos < text.length) segments.push({ kind: 'text', start: pos, end: text.length });
  return { segments, errors };
}

function lexAction(text: string, open: number, errors: LexError[]): ActionSegment {
  let pos = open + LEFT.length;
  const trimLeft = hasLeftTrimMarker(text, pos);
  if (trimLeft) pos += 2;
  if (text.startsWith('/*', pos)) return lexComment(text, open, pos, trimLeft, errors);
  const action: ActionSegment = { kind: 'action', start: open, end: text.length, trimLeft, trimRight: false, bodyStart: pos, bodyEnd: text.length, comment: false, tokens: [], unclosed: false };
  const lexer = new ActionLexer(text, pos, action.tokens, errors);
  const close = lexer.run();
  if (close === undefined || 'interruptedAt' in close) {
    action.unclosed = true;
    action.end = action.bodyEnd = close?.interruptedAt ?? text.length;
    errors.push({ message: 'unclosed action', start: open, end: Math.min(text.length, open + LEFT.length) });
    return action;
  }
  action.trimRight = close.trimmed;
  action.bodyEnd = close.at;
  action.end = close.at + (close.trimmed ? 2 : 0) + RIGHT.length;
  return action;
}

function lexComment(text: string, open: number, at: number, trimLeft: boolean, errors: LexError[]): ActionSegment {
  const base = { kind: 'action' as const, start: open, trimLeft, bodyStart: at, comment: true, tokens: [] };
  const close = text.indexOf('*/', at + 2);
  if (close < 0) {
    errors.push({ message: 'unclosed comment', start: open, end: text.length });
    return { ...base, end: text.length, bodyEnd: text.length, trimRight: false, unclosed: true };
  }
  const after = close + 2;
  if (atTrimmedRight(text, after)) return { ...base, end: after + 4, bodyEnd: after, trimRight: true, unclosed: false };
  if (text.startsWith(RIGHT, after)) return { ...base, end: after + 2, bodyEnd: after, trimRight: false, unclosed: false };
  errors.push({ message: 'comment ends before closing delimiter', start: close, end: after });
  // Go stops here; for an editor the comment still ends at the next `}}`, if any.
  const next = text.indexOf(RIGHT, after);
  const end = next < 0 ? text.length : next + 2;
  return { ...base, end, bodyEnd: after, trimRight: false, unclosed: next < 0 };
}

/** Lexes one action's body into tokens until its right delimiter (at paren depth 0). */
class ActionLexer {
  private parenDepth = 0;

  constructor(
    private readonly text: string,
    private pos: number,
    private readonly tokens: Token[],
    private readonly errors: LexError[],
  ) {}

  /**
   * Returns where the right delimiter starts (its trim marker included), or
   * undefined at the end of the source. A `{{` met inside the action (outside
   * strings) interrupts it: Go rejects that template anyway ("unexpected
   * {"), and a `{{` being typed must not swallow every later action.
   */
  run(): { at: number; trimmed: boolean } | { interruptedAt: number } | undefined {
    const { text } = this;
    while (this.pos < text.length) {
      const trimmed = atTrimmedRight(text, this.pos);
      if (trimmed || text.startsWith(RIGHT, this.pos)) {
        if (this.parenDepth > 0) this.error('unclosed left paren', this.pos, this.pos + 1);
        return { at: this.pos, trimmed };
      }
      if (text.startsWith(LEFT, this.pos)) return { interruptedAt: this.pos };
      this.step();
    }
    return undefined;
  }

  private emit(type: TokenType, start: number, value?: string): void {
    const token: Token = { type, start, end: this.pos, text: this.text.slice(start, this.pos) };
    if (value !== undefined) token.value = value;
    this.tokens.push(token);
  }

  private error(message: string, start: number, end: number): void {
    this.errors.push({ message, start, end: Math.max(end, start + 1) });
  }

  private step(): void {
    const { text } = this;
    const start = this.pos;
    const c = text[this.pos];
    if (isSpace(c)) return this.space();
    this.pos++;
    switch (c) {
      case ':':
        if (text[this.pos] === '=') {
          this.pos++;
          return this.emit('declare', start);
        }
        return this.error('expected :=', start, this.pos);
      case '=':
        return this.emit('assign', start);
      case '|':
        return this.emit('pipe', start);
      case ',':
        return this.emit('comma', start);
      case '"':
        return this.quoted(start);
      case '`':
        return this.raw(start);
      case "'":
        return this.char(start);
      case '$':
        return this.fieldOrVariable(start, 'variable');
      case '(':
        this.parenDepth++;
        return this.emit('leftParen', start);
      case ')':
        this.parenDepth--;
        this.emit('rightParen', start);
        if (this.parenDepth < 0) {
          this.error("unexpected right paren U+0029 ')'", start, this.pos);
          this.parenDepth = 0;
        }
        return;
      case '.': {
        const next = text[this.pos];
        if (next === undefined || next < '0' || next > '9') return this.fieldOrVariable(start, 'field');
        this.pos = start;
        return this.number(start);
      }
    }
    if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      this.pos = start;
      return this.number(start);
    }
    if (isAlphaNumeric(c)) return this.identifier(start);
    // Go emits other printable ASCII as a char item, which the parser then rejects.
    this.error(`unrecognized character in action: ${JSON.stringify(c)}`, start, this.pos);
  }

  /** A run of spaces, stopping before the ` -}}` of a trimmed right delimiter. */
  private space(): void {
    const start = this.pos;
    while (isSpace(this.text[this.pos]) && !atTrimmedRight(this.text, this.pos)) this.pos++;
    if (this.pos > start) this.emit('space', start);
  }

  /** Go's atTerminator: what may follow an identifier, field or variable. */
  private atTerminator(): boolean {
    const c = this.text[this.pos];
    return c === undefined || isSpace(c) || c === '.' || c === ',' || c === '|' || c === ':' || c === ')' || c === '(' || c === '}';
  }

  private identifier(start: number): void {
    while (isAlphaNumeric(this.text[this.pos])) this.pos++;
    const word = this.text.slice(start, this.pos);
    if (!this.atTerminator()) return this.badCharacter(start);
    if (KEYWORDS.has(word)) return this.emit('keyword', start);
    if (word === 'true' || word === 'false') return this.emit('bool', start);
    if (word === 'nil') return this.emit('nil', start);
    this.emit('identifier', start);
  }

  /** `.Name` (a field) or `$name` (a variable); a bare `.` is dot and a bare `$` the root variable. */
  private fieldOrVariable(start: number, type: 'field' | 'variable'): void {
    if (this.atTerminator()) return this.emit(type === 'field' ? 'dot' : 'variable', start);
    while (isAlphaNumeric(this.text[this.pos])) this.pos++;
    if (!this.atTerminator()) return this.badCharacter(start);
    this.emit(type, start);
  }

  /** A character Go does not allow after a name: reported, and the rest of the word skipped. */
  private badCharacter(start: number): void {
    const bad = this.pos;
    this.error(`bad character ${JSON.stringify(this.text[bad])}`, bad, bad + 1);
    this.pos = bad + 1;
    this.emit('identifier', start);
  }

  private number(start: number): void {
    const { text } = this;
    const accept = (chars: string) => {
      if (this.pos < text.length && chars.includes(text[this.pos])) {
        this.pos++;
        return true;
      }
      return false;
    };
    const acceptRun = (chars: string) => {
      while (this.pos < text.length && chars.includes(text[this.pos])) this.pos++;
    };
    // Go's scanNumber: sign, 0x/0o/0b prefixes, digits with underscores, fraction, exponent, imaginary.
    accept('+-');
    let digits = '0123456789_';
    let exponent: string | undefined = 'eE';
    if (accept('0')) {
      if (accept('xX')) {
        digits = '0123456789abcdefABCDEF_';
        exponent = 'pP';
      } else if (accept('oO')) {
        digits = '01234567_';
        exponent = undefined;
      } else if (accept('bB')) {
        digits = '01_';
        exponent = undefined;
      }
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (exponent && accept(exponent)) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(text[this.pos])) {
      this.pos++;
      while (isAlphaNumeric(text[this.pos])) this.pos++;
      this.error(`bad number syntax: ${JSON.stringify(text.slice(start, this.pos))}`, start, this.pos);
      return this.emit('number', start);
    }
    if (this.pos === start + 1 && (text[start] === '+' || text[start] === '-')) {
      return this.error(`bad number syntax: ${JSON.stringify(text[start])}`, start, this.pos);
    }
    this.emit('number', start);
  }

  /** `"…"` with backslash escapes; a line break or the end of the source leaves it unterminated. */
  private quoted(start: number): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text[this.pos++];
      if (c === '\\') {
        if (this.pos < text.length && text[this.pos] !== '\n') {
          this.pos++;
          continue;
        }
        break;
      }
      if (c === '\n') {
        this.pos--;
        break;
      }
      if (c === '"') return this.emit('string', start, unquote(text.slice(start + 1, this.pos - 1)));
    }
    this.error('unterminated quoted string', start, this.pos);
    this.emit('string', start, unquote(text.slice(start + 1, this.pos)));
  }

  /** `` `…` ``: no escapes, may span lines (Go drops carriage returns from its value). */
  private raw(start: number): void {
    const close = this.text.indexOf('`', this.pos);
    if (close < 0) {
      this.pos = this.text.length;
      this.error('unterminated raw quoted string', start, this.pos);
      return this.emit('rawString', start, this.text.slice(start + 1).replace(/\r/g, ''));
    }
    this.pos = close + 1;
    this.emit('rawString', start, this.text.slice(start + 1, close).replace(/\r/g, ''));
  }

  private char(start: number): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text[this.pos++];
      if (c === '\\' && this.pos < text.length && text[this.pos] !== '\n') {
        this.pos++;
        continue;
      }
      if (c === '\n' || c === '\\') break;
      if (c === "'") return this.emit('char', start, unquote(text.slice(start + 1, this.pos - 1)));
    }
    this.error('unterminated character constant', start, this.pos);
    this.emit('char', start);
  }
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** Decodes Go's string escapes (`\n`, `\x41`, `\u00e9`, `\101`, …); an unknown escape is kept as written. */
export function unquote(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/gs, (whole, escape: string) => {
    if (escape.length === 1) return ESCAPES[escape] ?? whole;
    if (escape[0] === 'x' || escape[0] === 'u' || escape[0] === 'U') return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return String.fromCodePoint(parseInt(escape, 8));
  });
}
