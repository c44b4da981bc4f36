import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cli } from './runCli';

const MANIFEST = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
        - name: agent
          image: example.com/agent:latest
          unknownThing: 1
        - name: sidecar
          image: example.com/sidecar:1.0
`;

interface Json { files: Array<{ diagnostics: Array<{ code: string; line: number }>; suppressed?: Array<{ code: string; suppressedBy: string }> }> }

describe('check --baseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dst-baseline-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const manifest = join(dir, 'agent.yaml');
  const baseline = join(dir, '.daemonset-tools-baseline.json');

  it('--write-baseline records today\'s findings by file, object, path and rule', async () => {
    writeFileSync(manifest, MANIFEST);
    const { code, stderr } = await cli('check', '--write-baseline', baseline, manifest);
    assert.equal(code, 1, 'the run still reports what it finds');
    assert.match(stderr, /wrote .*\.daemonset-tools-baseline\.json with \d+ findings/);
    const written = JSON.parse(readFileSync(baseline, 'utf8')) as { version: number; findings: Array<{ file: string; object: string; path: string; rule: string; count: number }> };
    assert.equal(written.version, 1);
    const unknown = written.findings.find((f) => f.rule === 'unknown-field');
    assert.deepEqual(unknown, { file: 'agent.yaml', object: 'DaemonSet kube-system/agent', path: 'spec.template.spec.containers[name=agent].unknownThing', rule: 'unknown-field', count: 1 });
  });

  it('then passes with the same findings, even when lines moved and containers were reordered', async () => {
    const moved = MANIFEST.replace('spec:\n  selector', '# a comment that moves every line\n\nspec:\n  selector')
      .replace(/( {8}- name: agent\n(?: {10}.*\n)+)( {8}- name: sidecar\n(?: {10}.*\n)+)/, '$2$1');
    assert.notEqual(moved, MANIFEST);
    writeFileSync(manifest, moved);
    const { code, stdout } = await cli('check', '--format', 'json', '--baseline', baseline, manifest);
    assert.equal(code, 0, stdout);
    assert.ok(!(JSON.parse(stdout) as Json).files[0].diagnostics.some((d) => d.code === 'unknown-field' || d.code === 'image-tag'));
  });

  it('fails on a new finding only, and --show-suppressed lists the baselined ones', async () => {
    writeFileSync(manifest, MANIFEST.replace('image: example.com/sidecar:1.0', 'image: example.com/sidecar:1.0\n          anotherUnknown: 2'));
    const { code, stdout } = await cli('check', '--format', 'json', '--show-suppressed', '--baseline', baseline, manifest);
    assert.equal(code, 1);
    const file = (JSON.parse(stdout) as Json).files[0];
    assert.deepEqual(file.diagnostics.filter((d) => d.code === 'unknown-field').map((d) => d.line), [15], 'only the new unknown field');
    assert.ok(file.suppressed?.some((d) => d.code === 'unknown-field' && d.suppressedBy.startsWith('baseline ')));
  });

  it('refuses a file that is not a baseline, clearly', async () => {
    writeFileSync(join(dir, 'bad.json'), '{"files": []}');
    const { code, stderr } = await cli('check', '--baseline', join(dir, 'bad.json'), manifest);
    assert.equal(code, 2);
    assert.match(stderr, /cannot use the baseline .*bad\.json: not a baseline of version 1/);
  });
});
