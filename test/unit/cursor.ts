/** Test helper: inline text with a `|` cursor marker -> the text and the cursor's offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | cursor marker in test text');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}
