/**
 * The stdio transport's encoder writes a message's JSON in pieces into a kept
 * buffer (server/src/transport/pooledJsonEncoder.ts); the bytes on the wire
 * must be exactly JSON.stringify's, whatever the message holds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pooledJsonEncoder, writeJsonPieces } from '../../../server/src/transport/pooledJsonEncoder';

function pieces(value: unknown): string | undefined {
  let text = '';
  return writeJsonPieces(value, (piece) => (text += piece)) ? text : undefined;
}

/** A seeded random JSON-ish value: objects, long and short arrays, undefined, functions, toJSON, Dates, unicode. */
function randomValue(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 5 ? 6 : 10));
  switch (pick) {
    case 0: return Math.floor(next() * 1e6) - 5e5;
    case 1: return ['plain', 'quote " and \\ back', 'line\nbreak', 'é → ✓', '😀 pair', '\u0000 control', ''][Math.floor(next() * 7)];
    case 2: return [true, false, null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, 1.5e-7][Math.floor(next() * 8)];
    case 3: return () => 1;
    case 4: return new Date(Math.floor(next() * 1e12));
    case 5: return { toJSON: () => ({ made: 'by toJSON' }) };
    default: {
      const length = next() < 0.3 ? Math.floor(next() * 200) : Math.floor(next() * 6);
      if (pick % 2 === 0) return Array.from({ length }, () => randomValue(next, depth + 1));
      return Object.fromEntries(Array.from({ length: Math.min(length, 12) }, (_, i) => [next() < 0.1 ? `k"${i}é` : `key${i}`, randomValue(next, depth + 1)]));
    }
  }
}

describe('the pooled JSON encoder of the stdio transport', () => {
  it('writes exactly what JSON.stringify writes', () => {
    const cases: unknown[] = [
      { jsonrpc: '2.0', id: 1, result: { kind: 'full', items: Array.from({ length: 1000 }, (_, i) => ({ line: i, message: `finding ${i}`, tags: undefined })) } },
      [undefined, () => 1, Symbol('s'), ...Array.from({ length: 40 }, () => undefined)],
      { a: undefined, b: () => 1, c: Symbol('s') },
      Array.from({ length: 100 }, (_, i) => Array.from({ length: 70 }, (_, j) => i * j)),
      { deep: { deeper: { deepest: { past: { the: { depth: Array.from({ length: 50 }, (_, i) => i) } } } } } },
      new Uint8Array([1, 2, 3]),
      [],
      {},
      'a string',
      42,
      null,
    ];
    for (const value of cases) assert.equal(pieces(value), JSON.stringify(value));
    assert.equal(pieces(undefined), undefined);
    assert.equal(pieces(() => 1), undefined);
  });

  it('agrees with JSON.stringify on 500 random values', () => {
    let seed = 15;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const value = randomValue(next, 0);
      assert.equal(pieces(value), JSON.stringify(value), `value ${i}`);
    }
  });

  it('encodes message after message as UTF-8, growing its buffer for a big one and back', async () => {
    const encoder = pooledJsonEncoder();
    const messages = [
      { id: 1, result: 'small é' },
      { id: 2, result: { items: Array.from({ length: 20_000 }, (_, i) => ({ message: `finding ${i} → 😀` })) } },
      { id: 3, result: ['small again'] },
    ];
    for (const message of messages) {
      // the writer sends each message before it encodes the next: read the bytes now
      const bytes = Buffer.from(await encoder.encode(message)).toString('utf8');
      assert.equal(bytes, JSON.stringify(message));
    }
  });
});
