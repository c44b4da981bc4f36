import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildKustomization } from '../../../server/src/kustomize/builder';
import { documentRoleOf, looksLikeJsonPatch } from '../../../server/src/kustomize/discovery';
import { parseKustomization } from '../../../server/src/kustomize/kustomization';
import { join } from 'node:path';
import { readFromDisk } from '../../../server/src/kustomize/diskReader';
import type { JsonObject } from '../../../server/src/kustomize/tree';
import { loadApiModel } from '../../../server/src/languageService/apiModel';
import { cli } from '../cli/runCli';
import { RenderError } from '../../../server/src/render/types';

const model = loadApiModel();
const reader = (files: Record<string, string>) => (path: string) => files[path];

const DS = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: a:1\n';

describe('which files are patches', () => {
  const files = {
    '/w/overlay/kustomization.yaml': 'resources: [../base]\npatchesStrategicMerge: [smp.yaml]\npatches:\n  - path: sub/ops.yaml\n    target: {kind: DaemonSet}\n  - path: either.yaml\npatchesJson6902:\n  - target: {kind: DaemonSet, name: agent}\n    path: legacy.yaml\n',
    '/w/overlay/Kustomization': 'ignored: a kustomization.yaml comes first',
  };
  const read = reader(files);

  it('finds the kustomization in the folder or above that names the file, and the patch kind', () => {
    assert.deepEqual(documentRoleOf('/w/overlay/smp.yaml', DS, read), { kind: 'strategicMergePatch' });
    assert.deepEqual(documentRoleOf('/w/overlay/sub/ops.yaml', '- op: add\n  path: /x\n', read), { kind: 'jsonPatch', targetKind: 'DaemonSet' });
    assert.deepEqual(documentRoleOf('/w/overlay/legacy.yaml', '[]', read), { kind: 'jsonPatch', targetKind: 'DaemonSet' });
    assert.equal(documentRoleOf('/w/overlay/other.yaml', DS, read), undefined);
    assert.equal(documentRoleOf('/w/base/daemonset.yaml', DS, read), undefined);
  });

  it('tells a JSON patch from a strategic-merge one by its content under `patches`', () => {
    assert.deepEqual(documentRoleOf('/w/overlay/either.yaml', '# ops\n- op: remove\n  path: /spec/x\n', read), { kind: 'jsonPatch', targetKind: undefined });
    assert.deepEqual(documentRoleOf('/w/overlay/either.yaml', DS, read), { kind: 'strategicMergePatch' });
    assert.ok(looksLikeJsonPatch('[{"op": "add", "path": "/a", "value": 1}]'));
    assert.ok(!looksLikeJsonPatch('spec:\n  - op: not a patch list\n'));
  });
});

describe('the built-in builder says what it cannot do', () => {
  it('names unsupported fields and remote resources in the warnings, and still builds the rest', () => {
    const read = reader({
      '/w/kustomization.yaml': 'resources:\n  - ds.yaml\n  - https://github.com/example/agents/base?ref=v1\nconfigMapGenerator:\n  - name: conf\n    files: [agent.conf]\nhelmCharts:\n  - name: x\n',
      '/w/ds.yaml': DS,
    });
    const build = buildKustomization('/w', { model, read });
    assert.equal(build.documents.length, 1);
    assert.equal(build.warnings.length, 3, build.warnings.join('\n'));
    assert.ok(build.warnings.some((w) => w.includes('configMapGenerator')) && build.warnings.some((w) => w.includes('helmCharts')) && build.warnings.some((w) => w.includes('remote resource')));
  });

  it('fails with the file and line of a missing resource, a patch that matches nothing, or a cycle', () => {
    const missing = reader({ '/w/kustomization.yaml': 'resources:\n  - ds.yaml\n  - gone.yaml\n', '/w/ds.yaml': DS });
    assert.throws(() => buildKustomization('/w', { model, read: missing }), (error: unknown) => error instanceof RenderError && /gone\.yaml/.test(error.message) && error.at?.line === 2);
    const unmatched = reader({ '/w/kustomization.yaml': 'resources: [ds.yaml]\npatches: [{path: p.yaml}]\n', '/w/ds.yaml': DS, '/w/p.yaml': DS.replace('name: agent\nspec', 'name: other\nspec') });
    assert.throws(() => buildKustomization('/w', { model, read: unmatched }), /no resource matches the patch/);
    const cycle = reader({ '/a/kustomization.yaml': 'resources: [../b]\n', '/b/kustomization.yaml': 'resources: [../a]\n' });
    assert.throws(() => buildKustomization('/a', { model, read: cycle }), /cycle/);
    assert.throws(() => buildKustomization('/none', { model, read: reader({}) }), /no kustomization/);
  });

  it('maps every printed line back to the base or the patch that wrote it', () => {
    const read = reader({
      '/w/kustomization.yaml': 'resources: [ds.yaml]\npatches: [{path: p.yaml}]\nnamespace: agents\n',
      '/w/ds.yaml': DS,
      '/w/p.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          imagePullPolicy: Always\n',
    });
    const [document] = buildKustomization('/w', { model, read }).documents;
    const lines = document.text.split('\n');
    const at = (pattern: RegExp) => document.lineMap[lines.findIndex((l) => pattern.test(l))];
    assert.deepEqual(at(/imagePullPolicy/), { file: '/w/p.yaml', line: 9 });
    assert.deepEqual(at(/image: a:1/), { file: '/w/ds.yaml', line: 9 });
    assert.deepEqual(at(/- name: agent/) ?? at(/name: agent$/), { file: '/w/ds.yaml', line: 8 });
    assert.deepEqual(at(/namespace: agents/), { file: '/w/kustomization.yaml', line: 2 });
    assert.deepEqual(document.origin, { file: '/w/ds.yaml', line: 0 });
  });

  it('copies the directives Kustomize does not apply, as kubectl kustomize does, and warns', () => {
    const read = reader({
      '/w/kustomization.yaml': 'resources: [ds.yaml]\npatches: [{path: p.yaml}]\n',
      '/w/ds.yaml': DS,
      '/w/p.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      $setElementOrder/containers: [{name: agent}]\n',
    });
    const build = buildKustomization('/w', { model, read });
    assert.match(build.documents[0].text, /\$setElementOrder\/containers/);
    assert.match(build.warnings.join('\n'), /does not apply the `\$setElementOrder\/…` directive/);
  });
});

describe('scalars as Kustomize reads them (go-yaml v3, through JSON)', () => {
  const folder = join(__dirname, '../../fixtures/kustomize/scalars');
  const build = () => buildKustomization(folder, { model, read: readFromDisk });

  it('keeps e1 and E5 text, reads 0x1E and 1e6 as numbers, and writes a date as RFC 3339 text outside the own annotations', () => {
    const ds = build().resources[0].object as { metadata: JsonObject; spec: { template: { metadata: JsonObject; spec: JsonObject & { containers: JsonObject[] } } } };
    assert.deepEqual(ds.metadata.labels, { tier: 'e1', enabled: 'on' });
    assert.deepEqual(ds.metadata.annotations, { 'example.com/released': '2024-03-01' });
    assert.deepEqual(ds.spec.template.metadata.annotations, { 'example.com/built': '2024-03-01T10:00:00Z' });
    assert.deepEqual(ds.spec.template.metadata.labels, { app: 'scalar-agent', zone: 'E5' });
    assert.equal(ds.spec.template.spec.terminationGracePeriodSeconds, 30);
    assert.deepEqual(ds.spec.template.spec.containers[0].resources, { requests: { cpu: '10m', memory: 1000000 }, limits: { memory: '32Mi' } });
  });

  it('lets a map\'s own keys win over a << merge wherever written, and the first merged map over the next (v3, unlike kubectl\'s v2)', () => {
    const ds = build().resources[0].object as { spec: { template: { spec: JsonObject } } };
    assert.deepEqual(ds.spec.template.spec.nodeSelector, { disk: 'hdd', zone: 'e10', 'kubernetes.io/os': 'linux' });
  });

  it('gives the built overlay no error (e1 is no NaN, the merged labels match the selector)', async () => {
    const { code, stdout } = await cli('check', '--engine', 'builtin', '--format', 'json', 'test/fixtures/kustomize/scalars');
    const report = JSON.parse(stdout) as { files: Array<{ diagnostics: Array<{ severity: string; code: string; message: string }> }> };
    assert.deepEqual(report.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)), []);
    assert.equal(code, 0);
  });
});

describe('the kustomization as Kustomize reads it (go-yaml v2 scalars, then JSON into its types)', () => {
  it('keeps a label value e1 text, and stops on a label value that is a number or a boolean, as Kustomize does', () => {
    const parsed = parseKustomization('resources: [ds.yaml]\ncommonLabels: {tier: e1, zone: "0x1F"}\n');
    assert.ok(!('error' in parsed));
    assert.deepEqual(parsed.labels[0].pairs, { tier: 'e1', zone: '0x1F' });
    const number = parseKustomization('resources: [ds.yaml]\ncommonLabels: {level: 0x1F}\n');
    assert.ok('error' in number);
    assert.match(number.error, /commonLabels\.level is the number 31 .*; quote the value/);
    assert.ok('error' in parseKustomization('labels:\n  - pairs: {enabled: on}\n'));
  });
});
