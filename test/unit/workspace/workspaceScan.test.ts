/**
 * The workspace scan for PriorityClass names (issue 15, item 5): a FIFO or a
 * link to /dev/zero committed in the repository must not hang or exhaust the
 * server, and a link out of the folder is not followed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scanPriorityClasses } from '../../../server/src/workspaceScan';

const priorityClass = (name: string) => `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: ${name}\nvalue: 1000\n`;

describe('scanPriorityClasses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dst-scan-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads regular files and links inside the folder, skips FIFOs, devices and links out of it', async () => {
    const workspace = join(dir, 'workspace');
    mkdirSync(join(workspace, 'sub'), { recursive: true });
    writeFileSync(join(workspace, 'sub', 'inside.yaml'), priorityClass('inside'));
    symlinkSync(join(workspace, 'sub', 'inside.yaml'), join(workspace, 'linked.yaml'));
    writeFileSync(join(dir, 'outside.yaml'), priorityClass('outside'));
    symlinkSync(join(dir, 'outside.yaml'), join(workspace, 'outside.yaml'));
    symlinkSync('/dev/zero', join(workspace, 'zero.yaml'));
    execFileSync('mkfifo', [join(workspace, 'pipe.yaml')]);
    assert.deepEqual([...(await scanPriorityClasses([workspace]))], ['inside']);
  });
});
