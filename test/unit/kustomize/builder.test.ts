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
      '/w/kustomization.yaml': 'resources:\n  - ds.yaml\n  - https://github.com/example/agents/base?ref=v1\ngenerators:\n  - plugins/vault-secrets.yaml\nhelmCharts:\n  - name: x\n',
      '/w/ds.yaml': DS,
    });
    const build = buildKustomization('/w', { model, read });
    assert.equal(build.documents.length, 1);
    assert.equal(build.warnings.length, 3, build.warnings.join('\n'));
    assert.ok(build.warnings.some((w) => w.includes('`generators`')) && build.warnings.some((w) => w.includes('helmCharts')) && build.warnings.some((w) => w.includes('remote resource')));
  });

  it('fails with the file and line of a missing resource, a patch that matches nothing, or a cycle', () => {
    const missing = reader({ '/w/kustomization.yaml': 'resources:\n  - ds.yaml\n  - gone.yaml\n', '/w/ds.yaml': DS });
    assert.throws(() => buildKustomization('/w', { model, read: missing }), (error: unknown) => error instanceof RenderError && /gone\.yaml/.test(error.message) && error.at?.line === 2);
    const unmatched = reader({ '/w/kustomization.yaml': 'resources: [ds.yaml]\npatches: [{path: p.yaml}]\n', '/w/ds.yaml': DS, '/w/p.yaml': DS.replace('name: agent\nspec', 'name: other\nspec') });
    assert.throws(() => buildKustomization('/w', { model, read: unmatched }), /no resource matches the patch/);
    const nameless = reader({ '/w/kustomization.yaml': 'resources: [ds.yaml]\npatches:\n  - path: p.yaml\n    target: {kind: DaemonSet}\n', '/w/ds.yaml': DS, '/w/p.yaml': 'kind: DaemonSet\nspec:\n  template:\n    spec:\n      hostNetwork: true\n' });
    assert.throws(() => buildKustomization('/w', { model, read: nameless }), /needs a kind and a metadata\.name/);
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

  it("maps an inline patch's values to the kustomization lines that hold them", () => {
    const read = reader({
      '/w/kustomization.yaml': 'resources: [ds.yaml]\npatches:\n  - target: {kind: DaemonSet}\n    patch: |-\n      kind: DaemonSet\n      metadata: {name: x}\n      spec:\n        template:\n          spec:\n            hostNetwork: true\npatchesStrategicMerge:\n  - |\n    kind: DaemonSet\n    metadata: {name: agent}\n    spec: {template: {spec: {hostPID: true}}}\npatchesJson6902:\n  - target: {kind: DaemonSet, name: agent}\n    patch: "[{op: add, path: /spec/template/spec/hostIPC, value: true}]"\n',
      '/w/ds.yaml': DS,
    });
    const [document] = buildKustomization('/w', { model, read }).documents;
    const lines = document.text.split('\n');
    const at = (pattern: RegExp) => document.lineMap[lines.findIndex((l) => pattern.test(l))];
    assert.deepEqual(at(/hostNetwork: true/), { file: '/w/kustomization.yaml', line: 9 });
    assert.deepEqual(at(/hostPID: true/), { file: '/w/kustomization.yaml', line: 14 });
    // a quoted one-line patch: its values are on the entry's line
    assert.deepEqual(at(/hostIPC: true/), { file: '/w/kustomization.yaml', line: 17 });
  });

  it('keeps the name a base gave: a patch that selects by an earlier name does not rename (unless allowNameChange)', () => {
    const files = {
      '/w/base/kustomization.yaml': 'resources: [ds.yaml]\nnamePrefix: base-\n',
      '/w/base/ds.yaml': DS.replace('  name: agent\n', '  name: agent\n  namespace: agents\n'),
      '/w/o/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: p.yaml\n',
      '/w/o/p.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      hostNetwork: true\n',
    };
    const [built] = buildKustomization('/w/o', { model, read: reader(files) }).resources;
    assert.deepEqual(built.object.metadata, { name: 'base-agent', namespace: 'agents' });
    const renaming = { ...files, '/w/o/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: p.yaml\n    target: {kind: DaemonSet}\n    options: {allowNameChange: true}\n', '/w/o/p.yaml': 'kind: DaemonSet\nmetadata:\n  name: renamed\n' };
    assert.equal((buildKustomization('/w/o', { model, read: reader(renaming) }).resources[0].object.metadata as { name: string }).name, 'renamed');
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

describe('the built-in builder runs ConfigMap and Secret generators as Kustomize does', () => {
  const DS_WITH_CONFIG = `${DS}          envFrom:\n            - configMapRef: {name: conf}\n            - secretRef: {name: token}\n`;

  it('generates with the content hash kubectl kustomize gives, and the pod template follows the hashed names', () => {
    const read = reader({ '/w/kustomization.yaml': 'resources: [ds.yaml]\nconfigMapGenerator:\n  - name: conf\n    literals: [a=b]\nsecretGenerator:\n  - name: token\n    literals: [token=abc]\n', '/w/ds.yaml': DS_WITH_CONFIG });
    const build = buildKustomization('/w', { model, read });
    // the names kubectl kustomize (Kustomize 5.4, 5.5) prints for these two generators
    assert.deepEqual(build.resources.map((r) => (r.object.metadata as { name: string }).name), ['agent', 'conf-4h2mbtbbt6', 'token-dbdgd77ct8']);
    assert.match(build.documents[0].text, /name: conf-4h2mbtbbt6[\s\S]*name: token-dbdgd77ct8/);
    assert.deepEqual(build.resources[2].object.data, { token: 'YWJj' });
    assert.deepEqual(build.warnings, []);
  });

  it('hashes as kubectl kustomize does: \\b and \\f written short, keys in byte order', () => {
    // names printed by the project's kubectl (1.31.9, Kustomize 5.4.2) for these literals
    const named = (literals: string) => {
      const read = reader({ '/w/kustomization.yaml': `configMapGenerator:\n  - name: c\n    literals: ${literals}\n` });
      return (buildKustomization('/w', { model, read }).resources[0].object.metadata as { name: string }).name;
    };
    assert.equal(named('["a=x\\by"]'), 'c-gf8748767c');
    assert.equal(named('["a=x<y"]'), 'c-g55d2dbb44');
    assert.equal(named('["a=x\\by\\fz<&>", "b=é😀", "é=1", "z=2", "😀=3", "\\uFF5E=4"]'), 'c-t8c8c2bgt7');
  });

  it('maps the generated values to the generator entry', () => {
    const read = reader({ '/w/kustomization.yaml': 'resources: [ds.yaml]\nconfigMapGenerator:\n  - name: conf\n    literals: [a=b]\n', '/w/ds.yaml': DS });
    const conf = buildKustomization('/w', { model, read }).documents[1];
    assert.deepEqual(conf.origin, { file: '/w/kustomization.yaml', line: 2 });
    assert.deepEqual(conf.lineMap[conf.text.split('\n').findIndex((l) => l.includes('a: b'))], { file: '/w/kustomization.yaml', line: 2 });
  });

  it('says what it cannot read, and fails where kubectl fails', () => {
    const binary = reader({ '/w/kustomization.yaml': 'resources: [ds.yaml]\nconfigMapGenerator:\n  - name: conf\n    files: [blob.bin]\n', '/w/ds.yaml': DS, '/w/blob.bin': 'ab\uFFFDc' });
    assert.match(buildKustomization('/w', { model, read: binary }).warnings.join('\n'), /blob\.bin is not UTF-8 text[\s\S]*kubectl kustomize/);
    const fails = (kustomization: string, files: Record<string, string> = {}) => () => buildKustomization('/w', { model, read: reader({ '/w/kustomization.yaml': kustomization, '/w/ds.yaml': DS, ...files }) });
    assert.throws(fails('configMapGenerator:\n  - name: c\n    files: [../outside.conf]\n', { '/outside.conf': 'x' }), (e: unknown) => e instanceof RenderError && /outside the kustomization's folder/.test(e.message) && e.at?.line === 1);
    assert.throws(fails('configMapGenerator:\n  - name: c\n    files: [missing.conf]\n'), /cannot read missing\.conf/);
    assert.throws(fails('configMapGenerator:\n  - name: c\n    literals: [a=1, a=2]\n'), /repeats the key a/);
    assert.throws(fails('configMapGenerator:\n  - name: c\n    literals: [novalue]\n'), /key=value/);
    assert.throws(fails('configMapGenerator:\n  - name: c\n    behavior: merge\n    literals: [a=1]\n'), /needs a ConfigMap of that name from a base/);
    assert.throws(fails('resources: [cm.yaml]\nconfigMapGenerator:\n  - name: c\n    literals: [a=1]\n', { '/w/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' }), /already in the build; use behavior: merge or replace/);
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
