/**
 * The JSON-RPC encoder of the stdio transport: a message's JSON text written
 * in pieces into one kept buffer, never as one string.
 *
 * Why: the default encoder makes the whole message one string
 * (JSON.stringify) and then a new Buffer of it. V8 builds a big stringify
 * result as a tree of parts and copies it flat on first read, into fresh
 * memory; with the Buffer that is two fresh allocations the size of the
 * message. A big file's diagnostics report is made again after every
 * keystroke that changes a finding (LSP sends a document's report whole), so
 * at 52k lines that was 1.5–2.5 ms of the keystroke, growing with the file
 * (issue 15 item 8), while the JSON work itself is a fraction of it. Pieces
 * stay small (long arrays are written a slice at a time) and the buffer is
 * reused: the writer sends one message at a time and waits until it is
 * written before it encodes the next (vscode-jsonrpc's write lock).
 */

/** Arrays longer than this are written a slice of this many elements at a time. */
const SLICE = 32;
/** Objects this deep or deeper are written whole (a slice of a long array is always written whole). */
const MAX_DEPTH = 4;
/** A buffer grown beyond this for one big message is not kept (the next one starts from a small one). */
const MAX_KEPT_BYTES = 8 * 1024 * 1024;
const FIRST_BYTES = 64 * 1024;

/**
 * Calls `sink` with the pieces of `value`'s JSON text, which joined are
 * exactly `JSON.stringify(value)` (undefined, functions and symbols skipped in
 * objects and written null in arrays, `toJSON` honoured); returns false when
 * the value has no JSON text (JSON.stringify gives undefined).
 */
export function writeJsonPieces(value: unknown, sink: (piece: string) => void, depth = 0): boolean {
  if (depth < MAX_DEPTH && typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    if (Array.isArray(value)) {
      if (value.length > SLICE) {
        sink('[');
        for (let from = 0; from < value.length; from += SLICE) {
          if (from > 0) sink(',');
          const text = JSON.stringify(value.slice(from, from + SLICE));
          sink(text.slice(1, -1));
        }
        sink(']');
        return true;
      }
    } else if (!(value instanceof Date) && !ArrayBuffer.isView(value)) {
      sink('{');
      let first = true;
      for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        sink(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
        first = false;
        writeJsonPieces(item, sink, depth + 1);
      }
      sink('}');
      return true;
    }
  }
  const text = JSON.stringify(value);
  if (text === undefined) return false;
  sink(text);
  return true;
}

/** An encoder for vscode-jsonrpc's StreamMessageWriter (its `contentTypeEncoder`): UTF-8 JSON in a buffer it keeps. */
export function pooledJsonEncoder(): { name: string; encode(message: unknown): Promise<Uint8Array> } {
  let pool = Buffer.allocUnsafe(FIRST_BYTES);
  return {
    name: 'application/json',
    encode(message) {
      let buffer = pool;
      let length = 0;
      writeJsonPieces(message, (piece) => {
        // at most 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units)
        const room = piece.length * 3;
        if (length + room > buffer.length) {
          const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + room));
          buffer.copy(grown, 0, 0, length);
          buffer = grown;
        }
        length += buffer.write(piece, length, 'utf8');
      });
      // the next message may start writing into the same buffer: this one is written before (see above)
      if (buffer.length <= MAX_KEPT_BYTES) pool = buffer;
      return Promise.resolve(buffer.subarray(0, length));
    },
  };
}
