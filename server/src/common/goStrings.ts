/**
 * Strings as Go treats them, for output that must match a Go program's byte
 * for byte (Helm's toJson and sorted keys, Kustomize's content hash of a
 * generated ConfigMap or Secret).
 */

/** Byte-wise (UTF-8) string order, as Go compares strings. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 order differs from UTF-8 only for surrogate pairs against U+E000–U+FFFF.
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return Buffer.compare(ba, bb);
}

/** A string as Go's encoding/json writes it (Go 1.22 and later: `\b` and `\f` short; `<`, `>`, `&`, U+2028 and U+2029 escaped). */
export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
