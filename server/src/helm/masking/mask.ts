/**
 * Masks the Go-template actions of a YAML template so the ordinary YAML model
 * can read it, with every offset unchanged (each action is replaced by text of
 * the same length, line breaks kept):
 * - a line that holds only actions that write nothing (`if`, `else`, `end`,
 *   `with`, `range`, `define`, `$x := …`, comments) becomes blank: structure,
 *   not text;
 * - a line that holds only an action that writes something (`{{- toYaml .x |
 *   nindent 8 }}`, `{{ include "labels" . | nindent 4 }}`, `{{ template … }}`)
 *   becomes blank and is recorded as a block of unknown content at the
 *   indentation the action gives it;
 * - an action inside a line of YAML (`name: {{ .Values.name }}`,
 *   `"{{ a }}-{{ b }}"`, `{{ $k }}: v`) becomes `_` characters (spaces for a
 *   control action after other text, so a flow list stays valid) and is
 *   recorded as unknown text;
 * - the body of a `define` writes nothing where it stands: blanked.
 * `if`/`with`/`range` … `else` chains are recorded branch by branch, so that
 * keys written in two branches are not taken for duplicates.
 */
import type { ActionSegment, LexError, LexResult } from '../lexer';
import { actionHead, lexTemplate, significantTokens } from '../lexer';
import type { TemplateBlock, TemplateBranch, TemplateSpan } from '../../languageService/yamlModel';

/** What {@link maskTemplate} gives back; offsets are those of the source (file offsets). */
export interface MaskResult {
  /** The source with every action masked (same length, same line breaks). */
  masked: string;
  unknown: TemplateSpan[];
  blocks: TemplateBlock[];
  branches: TemplateBranch[];
  /** Every action of the source (comments included), in order. */
  actions: ActionSegment[];
  errors: LexError[];
}

/** Whether an action writes text where it stands. */
function writesOutput(action: ActionSegment): boolean {
  if (action.comment) return false;
  const tokens = significantTokens(action);
  const head = tokens[0];
  if (!head) return false;
  if (head.type === 'keyword') return head.text === 'template' || head.text === 'block';
  // `$x := …` and `$x = …` only set a variable.
  if (head.type === 'variable' && (tokens[1]?.type === 'declare' || tokens[1]?.type === 'assign')) return false;
  return true;
}

/**
 * Lexes the whole source; an unclosed action (being typed) is cut at the end
 * of its line and lexing goes on after it, so one `{{` does not swallow the
 * rest of the file. So is an action that runs over lines with lexing errors
 * in it: a half-typed `{{ .Values.` that only a later action's `}}` closes.
 */
function lexActions(text: string): { actions: ActionSegment[]; errors: LexError[] } {
  const actions: ActionSegment[] = [];
  const errors: LexError[] = [];
  const dropped: Array<[number, number]> = [];
  let from = 0;
  while (from < text.length) {
    // Lexed a window of lines at a time: an unclosed `{{` then costs a window, not the rest of the file.
    const to = lineStartAfter(text, from, WINDOW_LINES);
    const result = lexWindow(text, from, to);
    let next = to;
    for (const segment of result.segments) {
      if (segment.kind !== 'action') continue;
      if (segment.unclosed && segment.end === to && to < text.length && segment.start > from) {
        next = segment.start; // it may close after the window: lex again from it
        break;
      }
      const broken = () => result.errors.some((e) => e.start >= segment.start && e.start < segment.end) && /[\r\n]/.test(text.slice(segment.start, segment.end));
      if (segment.unclosed || broken()) {
        if (!segment.comment) errors.push({ message: 'unclosed action', start: segment.start, end: segment.start + 2 });
        const end = Math.min(lineEndAt(text, segment.start), segment.end);
        actions.push({ ...segment, unclosed: true, end, bodyEnd: end, tokens: segment.tokens.filter((t) => t.end <= end) });
        dropped.push([end, segment.end]);
        // Interrupted by the next `{{` (or the end): what follows was lexed as it should be.
        if (segment.unclosed && segment.end < to) continue;
        next = end;
        break;
      }
      actions.push(segment);
    }
    // The lexer's own complaints about what was cut away are not the user's.
    errors.push(...result.errors.filter((e) => e.start < next && e.message !== 'unclosed action' && !dropped.some(([s, t]) => e.start >= s && e.start < t)));
    dropped.length = 0;
    from = Math.max(next, from + 1);
  }
  return { actions, errors };
}

/** Lines lexed at once (a multi-line action longer than this is cut at its first line's end). */
const WINDOW_LINES = 200;

/** Lexes text[from, to) with offsets of the whole text. */
function lexWindow(text: string, from: number, to: number): LexResult {
  const result = lexTemplate(text.slice(from, to));
  const shift = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: x.start + from, end: x.end + from });
  return {
    segments: result.segments.map((segment) =>
      segment.kind === 'text' ? shift(segment) : { ...shift(segment), bodyStart: segment.bodyStart + from, bodyEnd: segment.bodyEnd + from, tokens: segment.tokens.map(shift) },
    ),
    errors: result.errors.map(shift),
  };
}

/** The offset of the start of the line `lines` lines after the one holding `from` (or the end of the text). */
function lineStartAfter(text: string, from: number, lines: number): number {
  let at = from;
  for (let i = 0; i < lines; i++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at;
}

/** The offset of the end of the line holding `offset` (before its line break). */
function lineEndAt(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

interface OpenBlock {
  keyword: string;
  /** An `if`'s condition as written (tokens joined by one space). */
  condition?: string;
  start: number;
  chain: number;
  branches: Array<{ start: number; end: number }>;
  branchStart: number;
}

/** Masks the actions of a template (see the file comment). */
export function maskTemplate(text: string): MaskResult {
  const { actions, errors } = lexActions(text);
  const chars = text.split('');
  const blank = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };

  // Structure first: define bodies (written elsewhere) and if/else branches.
  const defines: Array<[number, number]> = [];
  const branches: TemplateBranch[] = [];
  const stack: OpenBlock[] = [];
  const singleIfs: Array<{ condition: string; start: number; end: number }> = [];
  let chains = 0;
  for (const action of actions) {
    const head = action.comment ? undefined : actionHead(action);
    if (head?.type !== 'keyword') continue;
    switch (head.text) {
      case 'if':
      case 'with':
      case 'range':
      case 'block':
      case 'define':
        stack.push({ keyword: head.text, start: action.start, chain: chains++, branches: [], branchStart: action.end, condition: head.text === 'if' ? conditionOf(action) : undefined });
        break;
      case 'else': {
        const top = stack[stack.length - 1];
        if (!top) break;
        top.branches.push({ start: top.branchStart, end: action.start });
        top.branchStart = action.end;
        break;
      }
      case 'end': {
        const top = stack.pop();
        if (!top) break;
        if (top.keyword === 'define') defines.push([top.start, action.end]);
        if (top.branches.length > 0) {
          top.branches.push({ start: top.branchStart, end: action.start });
          top.branches.forEach((b, branch) => branches.push({ chain: top.chain, branch, start: b.start, end: b.end }));
        } else if (top.condition !== undefined) {
          singleIfs.push({ condition: top.condition, start: top.branchStart, end: action.start });
        }
        break;
      }
    }
  }
  chains = pairComplementaryIfs(singleIfs, branches, chains);
  const inDefine = (offset: number) => defines.some(([s, e]) => s <= offset && offset < e);

  // Which characters are YAML text (not an action, not inside a define).
  const covered = new Uint8Array(text.length);
  for (const action of actions) covered.fill(1, action.start, action.end);
  for (const [s, e] of defines) covered.fill(1, s, e);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) lineStarts.push(i + 1);
  }
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const lineEnd = (line: number) => lineStarts[line + 1] ?? text.length;
  /** Whether a line has YAML text outside actions (a `# comment` after them is none). */
  const hasText = (line: number) => {
    for (let i = lineStarts[line]; i < lineEnd(line); i++) if (!covered[i] && !/\s/.test(text[i])) return text[i] !== '#';
    return false;
  };
  const textBefore = (offset: number) => {
    for (let i = lineStarts[lineOf(offset)]; i < offset; i++) if (!covered[i] && !/\s/.test(text[i])) return true;
    return false;
  };

  const unknown: TemplateSpan[] = [];
  const blocks: TemplateBlock[] = [];
  const blockLines = new Set<number>();
  for (const [s, e] of defines) blank(s, e);
  for (const action of actions) {
    if (inDefine(action.start)) continue;
    const first = lineOf(action.start);
    const last = lineOf(Math.max(action.start, action.end - 1));
    let standalone = true;
    for (let l = first; l <= last && standalone; l++) standalone = !hasText(l);
    const output = writesOutput(action);
    if (standalone && opensBlockScalar(previousTextLine(first)) && action.start - lineStarts[first] > indentOf(previousTextLine(first) ?? '')) {
      // The first lines of a `|` or `>` scalar: blank lines deeper than its text would be an error; they are text.
      fillInline(action, true);
      continue;
    }
    if (standalone) {
      blank(action.start, action.end);
      if (output && !blockLines.has(first)) {
        blockLines.add(first);
        blocks.push({ offset: lineStarts[first], indent: blockIndent(action, action.start - lineStarts[first]) });
      }
      continue;
    }
    if (action.comment) {
      blank(action.start, action.end);
      continue;
    }
    // Inside a line of YAML: text only rendering knows.
    fillInline(action, output || !textBefore(action.start));
  }
  markContinuations();
  commentBlankedLines();
  return { masked: chars.join(''), unknown, blocks, branches, actions, errors };

  /**
   * A blanked line becomes a comment (`#` where its first action was): the
   * YAML parser reads long runs of spaces several times slower than a
   * comment. Not inside a block scalar, where `#` would be text (or would
   * end the scalar when left of its indentation).
   */
  function commentBlankedLines(): void {
    const inScalar = blockScalarLines();
    const done = new Set<number>();
    for (const action of actions) {
      const line = lineOf(action.start);
      if (done.has(line) || inScalar[line] || hasText(line)) continue;
      done.add(line);
      const start = lineStarts[line];
      if (chars.slice(start, lineEnd(line)).join('').trim() !== '') continue; // made text (a block scalar's first lines)
      chars[action.start] = '#';
    }
  }

  /** Which lines lie inside a block scalar (`key: |` and the lines deeper than its key, blank ones included). */
  function blockScalarLines(): boolean[] {
    const inside: boolean[] = [];
    let parentIndent = -1;
    for (let line = 0; line < lineStarts.length; line++) {
      const column = textColumn(line);
      if (column < 0) {
        inside[line] = parentIndent >= 0;
        continue;
      }
      if (parentIndent >= 0 && column > parentIndent) {
        inside[line] = true;
        continue;
      }
      inside[line] = false;
      parentIndent = opensBlockScalar(text.slice(lineStarts[line], lineEnd(line))) ? column : -1;
    }
    return inside;
  }

  /** Masks an action as unknown text: `_` on its first line (spaces when asked), spaces on further lines. */
  function fillInline(action: ActionSegment, underscores: boolean): void {
    const firstLineEnd = Math.min(action.end, lineEnd(lineOf(action.start)));
    for (let i = action.start; i < action.end; i++) {
      if (chars[i] === '\n' || chars[i] === '\r') continue;
      chars[i] = underscores && i < firstLineEnd ? '_' : ' ';
    }
    unknown.push({ start: action.start, end: action.end });
  }

  /** The closest line above with YAML text on it. */
  function previousTextLine(line: number): string | undefined {
    for (let l = line - 1; l >= 0; l--) if (hasText(l)) return text.slice(lineStarts[l], lineEnd(l));
    return undefined;
  }

  /** Column of the first YAML character of a line (not an action, not a comment), or -1. */
  function textColumn(line: number): number {
    return hasText(line) ? text.slice(lineStarts[line], lineEnd(line)).search(/\S/) : -1;
  }

  /**
   * Lines right after a block that are deeper than the block continue what
   * the block wrote (`{{ include "labels" . | indent 6 }}` then `  app: x`
   * under the `labels:` the helper wrote): their parent is unknown, so
   * their keys and values are too.
   */
  function markContinuations(): void {
    for (const block of blocks) {
      for (let line = lineOf(block.offset) + 1; line < lineStarts.length; line++) {
        const column = textColumn(line);
        if (column < 0) continue;
        if (column <= block.indent) break;
        const end = lineStarts[line] + text.slice(lineStarts[line], lineEnd(line)).replace(/\r?\n$/, '').length;
        unknown.push({ start: lineStarts[line] + column, end });
      }
    }
    unknown.sort((a, b) => a.start - b.start);
  }
}

/** The condition of an `if` action, tokens joined by one space (`eq .Values.mode "a"`). */
function conditionOf(action: ActionSegment): string {
  return significantTokens(action)
    .slice(1)
    .map((t) => t.text)
    .join(' ');
}

/** A condition without a leading `not` (and the parentheses around what it negates), `ne` read as a negated `eq`. */
function polarity(condition: string): { positive: string; negated: boolean } {
  const not = /^not \( (.*) \)$/.exec(condition) ?? /^not (.*)$/.exec(condition);
  if (not) return { positive: polarity(not[1]).positive, negated: !polarity(not[1]).negated };
  if (condition.startsWith('ne ')) return { positive: `eq ${condition.slice(3)}`, negated: true };
  return { positive: condition, negated: false };
}

/**
 * `{{ if X }}…{{ end }}` and a later `{{ if not X }}…{{ end }}` (or `eq`/`ne`
 * on the same operands) never render together: recorded as two branches of
 * one chain, like an if/else. Returns the next free chain number.
 */
function pairComplementaryIfs(singleIfs: Array<{ condition: string; start: number; end: number }>, branches: TemplateBranch[], chains: number): number {
  const byCondition = new Map<string, Array<{ negated: boolean; start: number; end: number }>>();
  for (const single of singleIfs) {
    const { positive, negated } = polarity(single.condition);
    byCondition.set(positive, [...(byCondition.get(positive) ?? []), { negated, start: single.start, end: single.end }]);
  }
  for (const ifs of byCondition.values()) {
    if (!ifs.some((i) => i.negated) || !ifs.some((i) => !i.negated)) continue;
    const chain = chains++;
    for (const i of ifs) branches.push({ chain, branch: i.negated ? 1 : 0, start: i.start, end: i.end });
  }
  return chains;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** A YAML line that ends with a block scalar header (`key: |`, `- >-`, `|2`). */
function opensBlockScalar(line: string | undefined): boolean {
  return line !== undefined && /(?:^|[\s:-])[|>][-+1-9]*[-+]?[ \t]*(?:#.*)?\r?\n?$/.test(line);
}

/**
 * The column where a block written by an action starts: `nindent N` and
 * `indent N` (from column 0) say it; otherwise the action's own column.
 */
function blockIndent(action: ActionSegment, column: number): number {
  const tokens = significantTokens(action);
  for (let i = tokens.length - 2; i >= 0; i--) {
    const name = tokens[i].text;
    if (tokens[i].type !== 'identifier' || (name !== 'nindent' && name !== 'indent')) continue;
    const n = Number(tokens[i + 1].text);
    if (tokens[i + 1].type !== 'number' || !Number.isInteger(n)) break;
    return name === 'nindent' || column === 0 ? n : column;
  }
  return column;
}
