/** Offset <-> line/character conversion for one text, computed once per text. */
import type { TextLike } from './sourceText';
import { SourceText } from './sourceText';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offset of the first character of every line (a typed array: no garbage for the collector on every keystroke). */
  readonly lineStarts: Uint32Array;
  /** The text, in chunks when it is an edited document's (see sourceText.ts). */
  readonly source: SourceText;

  constructor(
    text: string | SourceText,
    /** Line starts already known (an edited index, see {@link edited}); computed from the text when absent. */
    known?: Uint32Array,
  ) {
    this.source = typeof text === 'string' ? SourceText.of(text) : text;
    if (known) {
      this.lineStarts = known;
      return;
    }
    if (typeof text !== 'string') text = text.toString();
    if (!text.includes('\r')) {
      // the common case, with native indexOf scans, in one pass (a big file opens: 52k calls less), guessing 32 characters a line
      let starts = new Uint32Array((text.length >> 5) + 16);
      let count = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        if (count === starts.length) {
          const grown = new Uint32Array(starts.length * 2);
          grown.set(starts);
          starts = grown;
        }
        starts[count++] = i + 1;
      }
      this.lineStarts = starts.slice(0, count);
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = Uint32Array.from(starts);
  }

  /**
   * The index of `text`, this index's text with [start, end) replaced by
   * `inserted`: only the inserted characters are scanned, the line starts
   * before the edit are copied and those after it shifted (a keystroke in a
   * big file costs no scan of the file, issue 15 item 8).
   */
  edited(text: SourceText, start: number, end: number, inserted: string): LineIndex {
    const old = this.lineStarts;
    const delta = inserted.length - (end - start);
    // A line start s depends on the characters at s - 1 and s only (`\n`,
    // or a `\r` not followed by `\n`): those before `start` and after `end`
    // keep their decision; the ones from `start` to the end of the inserted
    // text are decided again from the new text.
    // (offset 0 always starts a line: kept even for an edit at 0)
    const before = Math.max(1, firstAtOrAfter(old, start));
    const after = firstAtOrAfter(old, end + 1);
    const fresh: number[] = [];
    const to = Math.min(start + inserted.length, text.length);
    for (let at = Math.max(start, 1); at <= to; at++) {
      const c = text.charCodeAt(at - 1);
      if (c === 10 /* \n */ || (c === 13 /* \r */ && text.charCodeAt(at) !== 10)) fresh.push(at);
    }
    const starts = new Uint32Array(before + fresh.length + (old.length - after));
    starts.set(old.subarray(0, before));
    starts.set(fresh, before);
    for (let i = after, j = before + fresh.length; i < old.length; i++, j++) starts[j] = old[i] + delta;
    return new LineIndex(text, starts);
  }

  /** The whole text as one string (joined when first asked for: an edited document's path reads {@link source}). */
  get text(): string {
    return this.source.toString();
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.source.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    // An offset between a line's last character and the next line (inside `\r\n`)
    // is the end of the line, as LSP counts it: a position never falls inside a line break.
    return { line: low, character: Math.min(clamped, this.lineEnd(low)) - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.source.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  /** Offset just past the last character of the line, line break excluded. */
  lineEnd(line: number): number {
    const text: TextLike = this.source;
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : text.length;
    while (end > this.lineStarts[line] && isBreak(text.charCodeAt(end - 1))) end--;
    return end;
  }

  lineText(line: number): string {
    return this.source.slice(this.lineStarts[line] ?? this.source.length, this.lineEnd(line));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

function isBreak(c: number): boolean {
  return c === 10 /* \n */ || c === 13 /* \r */;
}

/** The index of the first entry of sorted `starts` that is >= `offset` (starts.length when none is). */
function firstAtOrAfter(starts: Uint32Array, offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid] < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
