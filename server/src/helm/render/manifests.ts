/**
 * Splitting a rendered template file into documents the way Helm does
 * (releaseutil.SplitManifests: trimmed, split on `---`, empty ones dropped),
 * keeping the line each document starts on so its line map can be cut out.
 */

/** A document of a rendered file: trimmed text and the 0-based line of the file where it starts. */
export interface SplitDocument {
  text: string;
  startLine: number;
}

/** Helm's separator: `---` at the start or after a newline, with the white space around it. */
const SEP = /(?:^|\s*\n)---\s*/g;

export function splitManifests(rendered: string): SplitDocument[] {
  const lead = rendered.length - rendered.trimStart().length;
  const body = rendered.trim();
  const out: SplitDocument[] = [];
  let last = 0;
  const push = (from: number, to: number): void => {
    const raw = body.slice(from, to);
    if (raw === '') return;
    const text = raw.trim();
    if (text === '') return;
    const offset = lead + from + (raw.length - raw.trimStart().length);
    out.push({ text, startLine: countLines(rendered, offset) });
  };
  for (const m of body.matchAll(SEP)) {
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, body.length);
  return out;
}

function countLines(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
