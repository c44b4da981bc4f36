/** Quick-fix edits shared by several rules. */
import type { Pair } from 'yaml';
import type { QuickFix, RuleContext } from '../types';

type Ranged = { range?: [number, number, number] | null } | null;

/**
 * Removes a `key: value` pair. In block style the whole lines go (the key's
 * line through the value's last line, comments on them included); in flow
 * style (`{a: 1, replicas: 3}`) just the pair and its separating comma.
 */
export function removePairFix(ctx: RuleContext, pair: Pair, title: string): QuickFix {
  const { document, file } = ctx;
  // (the file's text as it is kept: slices of it, no string of the whole file)
  const text = file.lineIndex.source;
  const key = pair.key as Ranged;
  const value = pair.value as Ranged;
  const keyStart = document.start + (key?.range?.[0] ?? 0);
  const valueEnd = document.start + (value?.range?.[1] ?? key?.range?.[1] ?? 0);
  const index = file.lineIndex;
  const firstLine = index.positionAt(keyStart).line;
  const before = text.slice(index.lineStarts[firstLine], keyStart);
  if (/^[ \t]*$/.test(before)) {
    const lastLine = index.positionAt(Math.max(keyStart, valueEnd - 1)).line;
    const afterValue = text.slice(valueEnd, index.lineEnd(lastLine));
    // Only when nothing but a comment follows the value on its last line (block style).
    if (/^[ \t]*(#.*)?$/.test(afterValue)) {
      return { title, isPreferred: true, edits: [{ start: index.lineStarts[firstLine], end: index.lineStarts[lastLine + 1] ?? text.length, newText: '' }] };
    }
  }
  const following = /^[ \t]*,[ \t]*/.exec(text.slice(valueEnd, document.end));
  if (following) return { title, isPreferred: true, edits: [{ start: keyStart, end: valueEnd + following[0].length, newText: '' }] };
  const preceding = /,[ \t]*$/.exec(text.slice(document.start, keyStart));
  const start = preceding ? keyStart - preceding[0].length : keyStart;
  return { title, isPreferred: true, edits: [{ start, end: valueEnd, newText: '' }] };
}
