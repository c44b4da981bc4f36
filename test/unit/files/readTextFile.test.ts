/**
 * Files the server and the command line must never hang on (issue 15, item 5):
 * the one bounded reader refuses FIFOs, devices and directories by what they
 * are, before reading, and never reads more than its limit.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isInside, linkRefusal } from '../../../server/src/files/folderLinks';
import { readTextFile, readTextFileAsync } from '../../../server/src/files/readTextFile';

const dir = mkdtempSync(join(tmpdir(), 'dst-read-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const fifo = join(dir, 'pipe.yaml');
execFileSync('mkfifo', [fifo]);
writeFileSync(join(dir, 'ok.yaml'), 'kind: DaemonSet\n');
symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
mkdirSync(join(dir, 'folder.yaml'));

describe('readTextFile', () => {
  for (const read of [readTextFile, readTextFileAsync]) {
    const name = read === readTextFile ? 'sync' : 'async';
    it(`${name}: reads a regular file`, async () => {
      const result = await read(join(dir, 'ok.yaml'));
      assert.ok(result.ok);
      assert.equal(result.text, 'kind: DaemonSet\n');
    });

    it(`${name}: refuses a FIFO without waiting for a writer`, async () => {
      const result = await read(fifo);
      assert.deepEqual(result.ok ? 'read' : [result.reason, result.message], ['not-a-file', 'a named pipe (FIFO), not a regular file: not read']);
    });

    it(`${name}: refuses /dev/zero, and a symlink to it, as a device`, async () => {
      for (const path of ['/dev/zero', join(dir, 'zero.yaml')]) {
        const result = await read(path);
        assert.deepEqual(result.ok ? 'read' : [result.reason, result.message], ['not-a-file', 'a character device, not a regular file: not read'], path);
      }
    });

    it(`${name}: refuses a directory, a missing file, and a file over the limit`, async () => {
      const folder = await read(join(dir, 'folder.yaml'));
      assert.deepEqual(folder.ok ? 'read' : folder.reason, 'not-a-file');
      const missing = await read(join(dir, 'nope.yaml'));
      assert.deepEqual(missing.ok ? 'read' : missing.message, 'no such file');
      const big = await read(join(dir, 'ok.yaml'), { maxBytes: 8 });
      assert.deepEqual(big.ok ? 'read' : [big.reason, big.message], ['too-large', 'larger than 8 bytes: not read']);
    });
  }
});

describe('symbolic links in a checked folder', () => {
  it('are followed only when they resolve inside the folder', () => {
    symlinkSync(join(dir, 'ok.yaml'), join(dir, 'inside.yaml'));
    assert.equal(linkRefusal(join(dir, 'inside.yaml'), dir), undefined);
    assert.match(linkRefusal(join(dir, 'zero.yaml'), dir) ?? '', /outside the folder: not followed/);
    assert.ok(isInside('/a/b', '/a/b/c'));
    assert.ok(!isInside('/a/b', '/a/bc'));
    assert.ok(!isInside('/a/b', '/a'));
  });
});
