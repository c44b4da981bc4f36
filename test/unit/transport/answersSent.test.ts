/**
 * Work that may wait (a report after a keystroke, a background slice) waits
 * until the answers made before it are written (server/src/transport/answersSent.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message, MessageWriter } from 'vscode-languageserver/node';
import { answersSent, countingWrites } from '../../../server/src/transport/answersSent';

describe('answers sent', () => {
  it('resolves once every message handed to the writer is written, at once when none waits', async () => {
    const written: Array<() => void> = [];
    const writer = countingWrites({ write: (_message: Message) => new Promise<void>((done) => written.push(done)) } as unknown as MessageWriter);
    await answersSent();
    void writer.write({ jsonrpc: '2.0' });
    void writer.write({ jsonrpc: '2.0' });
    let sent = false;
    const waiting = answersSent().then(() => (sent = true));
    written[0]();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(sent, false, 'one answer is still being written');
    written[1]();
    await waiting;
    assert.equal(sent, true);
  });
});
