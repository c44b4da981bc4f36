/**
 * The executor's output with a line map: every chunk written carries where it
 * came from (a template line, or a values-file line for text taken from a
 * value), and each output line keeps the most telling origin.
 */

/** A source line in template-name space (the render layer maps names to files). 0-based line. */
export interface Origin {
  file: string;
  line: number;
  /** The text came from a values file (so a finding on it belongs there). */
  fromValues?: boolean;
}

interface LineInfo {
  first?: Origin;
  value?: Origin;
  any?: Origin;
}

/** Accumulates text and the origin of each of its lines. */
export class Output {
  private readonly parts: string[] = [];
  private readonly lines: LineInfo[] = [{}];

  /** Appends `s`; `originOf(k)` is the origin of its k-th line (0 for the text before the first newline). */
  write(s: string, originOf: (k: number) => Origin | undefined): void {
    if (!s) return;
    this.parts.push(s);
    let k = 0;
    let start = 0;
    for (;;) {
      const nl = s.indexOf('\n', start);
      const segment = nl < 0 ? s.slice(start) : s.slice(start, nl);
      const origin = originOf(k);
      const info = this.lines[this.lines.length - 1];
      if (origin) {
        info.any ??= origin;
        if (/\S/.test(segment)) {
          info.first ??= origin;
          if (origin.fromValues) info.value = origin;
        }
      }
      if (nl < 0) break;
      this.lines.push({});
      start = nl + 1;
      k++;
    }
  }

  text(): string {
    return this.parts.join('');
  }

  /** Per output line: the values line when a value produced text on it, else the first text's origin. */
  lineOrigins(): Array<Origin | undefined> {
    return this.lines.map((l) => l.value ?? l.first ?? l.any);
  }
}

/**
 * Line origins of strings the functions produced (include, toYaml, nindent…),
 * keyed by the string itself: a string's text is what is printed, so two equal
 * strings map to equally good places. Lives for one render.
 */
export class StringOrigins {
  private readonly map = new Map<string, Array<Origin | undefined>>();

  set(s: string, origins: Array<Origin | undefined>): void {
    if (s.length > 0 && origins.some((o) => o)) this.map.set(s, origins);
  }

  get(s: string): Array<Origin | undefined> | undefined {
    return this.map.get(s);
  }

  /**
   * `out` was made from `input` by adding `shift` lines before it and per-line edits
   * (indent, nindent, trim…): its lines keep the input's origins.
   */
  derive(input: string, out: string, shift = 0): void {
    const origins = this.map.get(input);
    if (!origins || input === out) return;
    if (shift < 0) {
      this.set(out, origins.slice(-shift));
      return;
    }
    const shifted: Array<Origin | undefined> = [];
    for (let i = 0; i < shift; i++) shifted.push(undefined);
    this.set(out, [...shifted, ...origins]);
  }
}
