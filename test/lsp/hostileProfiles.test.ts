/**
 * The active profile set to something that is not a file (issue 15, item 5):
 * a FIFO used to block the server's main thread forever, /dev/zero to eat
 * memory until it died, a directory to empty every completion and hover. Now
 * the placement answers with a clear message and completion still answers.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PlacementResult } from '../../server/src/protocol';
import type { TestClient } from './lspClient';
import { requestPlacement, startTestClient, withCursor } from './lspClient';

describe('LSP: an active profile that is not a regular file', () => {
  let client: TestClient;
  let dir = '';
  const settings: Record<string, unknown> = { daemonsetTools: {} };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dst-profiles-'));
    execFileSync('mkfifo', [join(dir, 'pipe.profile.yaml')]);
    symlinkSync('/dev/zero', join(dir, 'zero.profile.yaml'));
    mkdirSync(join(dir, 'folder.profile.yaml'));
    client = await startTestClient({ settings });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: Array<[string, () => string, RegExp]> = [
    ['a FIFO', () => join(dir, 'pipe.profile.yaml'), /a named pipe \(FIFO\), not a regular file: not read/],
    ['/dev/zero', () => '/dev/zero', /a character device, not a regular file: not read/],
    ['a symlink to /dev/zero', () => join(dir, 'zero.profile.yaml'), /a character device, not a regular file: not read/],
    ['a directory', () => join(dir, 'folder.profile.yaml'), /a directory, not a regular file: not read/],
  ];
  for (const [name, path, reason] of cases) {
    it(`${name}: completion and hover answer, the placement says why there is no profile`, async () => {
      settings.daemonsetTools = { activeProfile: path() };
      await client.settingsChanged();
      const uri = `file:///hostile/${name.replace(/\W+/g, '-')}.yaml`;
      const { text, line, character } = withCursor('apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n      nodeSelector:\n        |\n');
      client.open(uri, text);
      const items: Array<{ label: string }> = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
      assert.ok(items.some((i) => i.label === 'kubernetes.io/os'), `completion answers: ${JSON.stringify(items.map((i) => i.label))}`);
      const hover: unknown = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 8 } });
      assert.ok(hover, 'hover answers');
      const placement: PlacementResult = await requestPlacement(client.connection, { uri, profilePath: path() });
      assert.equal(placement.kind, 'error');
      if (placement.kind === 'error') assert.match(placement.message, reason);
    });
  }
});
