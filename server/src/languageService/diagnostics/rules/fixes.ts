/** Quick-fix edits shared by several rules. */
import type { Pair } from 'yaml';
import type { QuickFix, RuleContext } from '../types';

/**
 * Removes a block-style `key: value` pair with its whole lines (the key's line
 * through the value's last line).
 */
export function removePairFix(ctx: RuleContext, pair: Pair, title: string): QuickFix {
  const { document, file } = ctx;
  const key = pair.key as { range?: [number, number, number] } | null;
  const value = pair.value as { range?: [number, number, number] } | null;
  const keyStart = document.start + (key?.range?.[0] ?? 0);
  const valueEnd = document.start + (value?.range?.[1] ?? key?.range?.[1] ?? 0);
  const index = file.lineIndex;
  const firstLine = index.positionAt(keyStart).line;
  const lastLine = index.positionAt(Math.max(keyStart, valueEnd - 1)).line;
  const start = index.lineStarts[firstLine];
  const end = index.lineStarts[lastLine + 1] ?? file.text.length;
  return { title, isPreferred: true, edits: [{ start, end, newText: '' }] };
}
