import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('check --baseline on a rendered chart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dst-baseline-chart-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const chart = join(dir, 'agent');
  const baseline = join(dir, '.daemonset-tools-baseline.json');
  const TEMPLATE = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n    spec:\n      tolerations: {{ toYaml .Values.tolerations | nindent 8 }}\n      containers:\n        - {name: agent, image: "example.com/agent:1.0"}\n';
  const VALUES = 'tolerations:\n  - operator: Exists\n    effect: NoSchedul\n';

  it('records the findings that only the rendering shows, at the values line, and then passes on them (a new one still fails)', async () => {
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: agent\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'templates', 'daemonset.yaml'), TEMPLATE);
    writeFileSync(join(chart, 'values.yaml'), VALUES);
    const before = await cli('check', '--format', 'json', chart);
    assert.equal(before.code, 1, 'the bad effect rendered from values.yaml is an error');
    assert.ok((JSON.parse(before.stdout) as Json).files.some((f) => f.diagnostics.some((d) => d.code === 'invalid-enum' && d.line === 3)), before.stdout);
    await cli('check', '--write-baseline', baseline, chart);
    const written = JSON.parse(readFileSync(baseline, 'utf8')) as { findings: Array<{ file: string; path: string; rule: string }> };
    assert.ok(written.findings.some((f) => f.file === 'agent/values.yaml' && f.rule === 'invalid-enum' && f.path === 'tolerations[0].effect'), JSON.stringify(written));
    const after = await cli('check', '--format', 'json', '--show-suppressed', '--baseline', baseline, chart);
    assert.equal(after.code, 0, after.stdout);
    assert.ok((JSON.parse(after.stdout) as Json).files.some((f) => f.suppressed?.some((d) => d.code === 'invalid-enum' && d.suppressedBy.startsWith('baseline '))));
    writeFileSync(join(chart, 'values.yaml'), `${VALUES}  - operator: Exists\n    effect: NoExecut\n`);
    assert.equal((await cli('check', '--baseline', baseline, chart)).code, 1, 'a second bad effect is new');
  });
});
