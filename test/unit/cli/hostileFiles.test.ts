/**
 * `check` and `place` on files that are not what they say (issue 15, item 5):
 * a FIFO, /dev/zero (named, or as a symlink committed in a checked folder), a
 * directory named like a manifest. Each gets a clear message, and the command
 * ends. Run as a process with a timeout, so a regression fails instead of hanging.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { repoRoot } from './runCli';

const VALID = join(repoRoot, 'test/fixtures/manifests/valid/node-exporter.yaml');

describe('check and place on files that must never hang them', () => {
  let dir = '';
  let cli = '';
  let folder = '';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dst-hostile-'));
    cli = join(dir, 'cli.js');
    await build({ entryPoints: [join(repoRoot, 'server/src/cliMain.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    folder = join(dir, 'manifests');
    mkdirSync(folder);
    copyFileSync(VALID, join(folder, 'agent.yaml'));
    execFileSync('mkfifo', [join(folder, 'pipe.yaml')]);
    symlinkSync('/dev/zero', join(folder, 'zero.yaml'));
    mkdirSync(join(folder, 'folder.yaml'));
    writeFileSync(join(dir, 'outside.yaml'), 'apiVersion: apps/v1\nkind: DaemonSet\nspec: {oops: 1}\n');
    symlinkSync(join(dir, 'outside.yaml'), join(folder, 'elsewhere.yaml'));
    symlinkSync(join(folder, 'agent.yaml'), join(folder, 'same-agent.yaml'));
    // a FIFO and /dev/zero where a kustomization would be: read to learn whether the manifest is a patch
    for (const [name, make] of [['fifo-kustomization', (path: string) => execFileSync('mkfifo', [path])], ['zero-kustomization', (path: string) => symlinkSync('/dev/zero', path)]] as const) {
      mkdirSync(join(dir, name));
      copyFileSync(VALID, join(dir, name, 'agent.yaml'));
      make(join(dir, name, 'kustomization.yaml'));
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // a hang is a failure, not a stuck suite
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });

  it('check <folder> skips the FIFO and the links out of the folder (to /dev/zero, to a file), with a note each; a folder named *.yaml is walked', () => {
    const result = run('check', '--format', 'json', 'manifests');
    assert.equal(result.signal, null, 'ended by itself');
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { files: Array<{ path: string }> };
    assert.deepEqual(report.files.map((f) => f.path).sort(), ['manifests/agent.yaml', 'manifests/same-agent.yaml'], 'a link inside the folder is followed');
    const notes = result.stderr.trimEnd().split('\n').sort();
    assert.deepEqual(notes, [
      'skipped manifests/elsewhere.yaml: a symbolic link to a file outside the folder: not followed',
      'skipped manifests/pipe.yaml: a named pipe (FIFO), not a regular file: not read',
      'skipped manifests/zero.yaml: a symbolic link to a file outside the folder: not followed',
    ]);
  });

  it('check of a manifest next to a FIFO or /dev/zero named kustomization.yaml ends, with the manifest checked as a whole object', () => {
    for (const name of ['fifo-kustomization', 'zero-kustomization']) {
      const result = run('check', '--format', 'json', `${name}/agent.yaml`);
      assert.equal(result.signal, null, `${name}: ended by itself`);
      assert.equal(result.status, 0, `${name}: ${result.stderr}`);
      const report = JSON.parse(result.stdout) as { files: Array<{ path: string; diagnostics: unknown[] }> };
      assert.deepEqual(report.files.map((f) => f.path), [`${name}/agent.yaml`]);
    }
  });

  it('check of a chart with a FIFO or /dev/zero as a values file exits 2 with the reason', () => {
    cpSync(join(repoRoot, 'test/fixtures/charts/node-agent'), join(dir, 'chart'), { recursive: true });
    for (const [values, reason] of [['manifests/pipe.yaml', 'a named pipe (FIFO)'], ['/dev/zero', 'a character device']]) {
      const result = run('check', '--engine', 'builtin', '-f', values, 'chart');
      assert.equal(result.signal, null, `${values}: ended by itself`);
      assert.equal(result.status, 2, `${values}: ${result.stderr}`);
      assert.ok(result.stderr.includes(`cannot read values file ${values}: ${reason}, not a regular file`), result.stderr);
    }
  });

  it('check on /dev/zero or a FIFO named on the command line exits 2 with the reason', () => {
    for (const [path, reason] of [['/dev/zero', 'a character device'], ['manifests/pipe.yaml', 'a named pipe (FIFO)']]) {
      const result = run('check', path);
      assert.equal(result.status, 2, `${path}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`cannot read ${path.replace(/[.()/]/g, '\\$&')}: ${reason.replace(/[()]/g, '\\$&')}, not a regular file`));
    }
  });

  it('place --cluster /dev/zero, a FIFO or a directory exits 2 with the reason', () => {
    for (const [profile, reason] of [['/dev/zero', 'a character device'], ['manifests/pipe.yaml', 'a named pipe \\(FIFO\\)'], ['manifests', 'a directory']]) {
      const result = run('place', '--cluster', profile, VALID);
      assert.equal(result.signal, null, `${profile}: ended by itself`);
      assert.equal(result.status, 2, `${profile}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`cannot read ${profile.replace(/[./]/g, '\\$&')}: ${reason}, not a regular file: not read`));
    }
  });
});
