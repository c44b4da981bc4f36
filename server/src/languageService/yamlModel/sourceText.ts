/**
 * The text of an edited document, kept as a list of chunks rather than one
 * string (issue 15 item 8).
 *
 * Why: a keystroke in a one-string text makes a new string of the whole file,
 * and the first read of it copies every character (V8 flattens the
 * concatenation): 5 ms for 1.3 MB on the development machines, on every
 * keystroke, growing with the file. Here an edit rebuilds only a small window
 * around it (at most {@link WINDOW} characters on each side); the rest of the
 * text stays in the chunks it was in. The whole text is joined only when
 * something asks for it (`toString()`), once per version.
 */

/** What reading a text needs: both `string` and {@link SourceText} have it. */
export interface TextLike {
  readonly length: number;
  charCodeAt(offset: number): number;
  slice(start?: number, end?: number): string;
}

/** Characters kept on each side of an edit in its new chunk; the rest stays where it was. */
const WINDOW = 4096;

export class SourceText implements TextLike {
  /** How many times a whole text was joined (tests read it: a keystroke must join none). */
  static joins = 0;

  readonly length: number;
  private joined: string | undefined;
  /** The chunk the last read fell in (reads come in runs at one place). */
  private last = 0;

  private constructor(
    private readonly chunks: readonly string[],
    /** Offset of each chunk's first character. */
    private readonly starts: readonly number[],
  ) {
    this.length = chunks.length ? starts[starts.length - 1] + chunks[chunks.length - 1].length : 0;
    if (chunks.length === 1) this.joined = chunks[0];
  }

  static of(text: string): SourceText {
    return new SourceText(text ? [text] : [], text ? [0] : []);
  }

  /** The text with [start, end) replaced by `inserted` (offsets of this text). */
  edited(start: number, end: number, inserted: string): SourceText {
    if (!this.chunks.length) return SourceText.of(inserted);
    const from = this.chunkAt(start);
    const to = this.chunkAt(end);
    let left = this.chunks[from].slice(0, start - this.starts[from]);
    let right = this.chunks[to].slice(end - this.starts[to]);
    const chunks = this.chunks.slice(0, from);
    // what lies far from the edit keeps its own chunk (a slice: no character is copied)
    let rest: string | undefined;
    if (left.length > WINDOW) {
      chunks.push(left.slice(0, left.length - WINDOW));
      left = left.slice(left.length - WINDOW);
    }
    if (right.length > WINDOW) {
      rest = right.slice(WINDOW);
      right = right.slice(0, WINDOW);
    }
    const middle = left + inserted + right;
    // a long paste is cut, so that no later edit copies it whole
    for (let at = 0; at < middle.length; at += 4 * WINDOW) chunks.push(middle.length <= 4 * WINDOW ? middle : middle.slice(at, at + 4 * WINDOW));
    if (rest) chunks.push(rest);
    for (let i = to + 1; i < this.chunks.length; i++) chunks.push(this.chunks[i]);
    const kept = chunks.filter((c) => c.length > 0);
    const starts = new Array<number>(kept.length);
    let offset = 0;
    for (let i = 0; i < kept.length; i++) {
      starts[i] = offset;
      offset += kept[i].length;
    }
    return new SourceText(kept, starts);
  }

  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    const i = this.chunkAt(offset);
    return this.chunks[i].charCodeAt(offset - this.starts[i]);
  }

  slice(start = 0, end = this.length): string {
    const from = clamp(start < 0 ? this.length + start : start, this.length);
    const to = clamp(end < 0 ? this.length + end : end, this.length);
    if (to <= from) return '';
    if (this.joined !== undefined) return this.joined.slice(from, to);
    const first = this.chunkAt(from);
    const last = this.chunkAt(to - 1);
    if (first === last) return this.chunks[first].slice(from - this.starts[first], to - this.starts[first]);
    const parts = [this.chunks[first].slice(from - this.starts[first])];
    for (let i = first + 1; i < last; i++) parts.push(this.chunks[i]);
    parts.push(this.chunks[last].slice(0, to - this.starts[last]));
    return parts.join('');
  }

  /** The whole text (joined once per version: not for a keystroke's path). */
  toString(): string {
    if (this.joined === undefined) {
      SourceText.joins++;
      this.joined = this.chunks.join('');
    }
    return this.joined;
  }

  /** The index of the chunk holding `offset` (the last chunk for the end of the text). */
  private chunkAt(offset: number): number {
    const starts = this.starts;
    const last = this.last;
    if (starts[last] <= offset && (last + 1 === starts.length || offset < starts[last + 1])) return last;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    this.last = low;
    return low;
  }
}

function clamp(offset: number, length: number): number {
  return Math.max(0, Math.min(offset, length));
}
