/**
 * The stdio transport (server/src/serverMain.ts makes it itself, to encode
 * answers in pieces): a client that goes away without the exit notification
 * (an editor that crashed) must not leave the server running.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { serverPath } from './lspClient';

describe('LSP: the stdio transport', () => {
  it('exits when the client closes its end without an exit notification', async () => {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.resume();
    const exited = once(child, 'exit');
    child.stdin.end();
    const [code] = (await exited) as [number | null];
    assert.equal(code, 1);
  });
});
