import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseYamlFile } from '../../../server/src/languageService/yamlModel';
import { PlacementService } from '../../../server/src/placementService';

const root = resolve(__dirname, '../../..');
const guide = resolve(root, 'examples/profiles/guide.profile.yaml');
const capture = resolve(root, 'examples/profiles/kubectl-capture.json');
const manifest = readFileSync(resolve(root, 'examples/fluentd-taint.yaml'), 'utf8');
const tolerated = manifest.replace('      tolerations:\n', '      tolerations:\n        - key: node-role.kubernetes.io/control-plane\n          operator: Exists\n');

describe('placement comparison', () => {
  const service = new PlacementService();

  it('lists the nodes whose verdict an edit changes, with why they were blocked before', () => {
    const result = service.compare({ uri: 'file:///x.yaml', before: { label: 'HEAD', text: manifest, profilePath: guide }, after: { label: 'unsaved', profilePath: guide } }, parseYamlFile(tolerated));
    assert.equal(result.kind, 'ok');
    if (result.kind !== 'ok') return;
    const [ds] = result.daemonSets;
    assert.deepEqual(ds.changes.map((c) => [c.node, c.before, c.after]), [['control-plane-1', 'excluded', 'runs']]);
    assert.match(ds.changes[0].reasons[0], /node-role\.kubernetes\.io\/control-plane:NoSchedule/);
    assert.equal(ds.after!.runs, ds.before!.runs + 1);
  });

  it('compares two profiles node by node: nodes of one profile only are absent on the other', () => {
    const result = service.compare({ uri: 'file:///x.yaml', before: { label: 'guide', profilePath: guide }, after: { label: 'capture', profilePath: capture } }, parseYamlFile(manifest));
    assert.equal(result.kind, 'ok');
    if (result.kind !== 'ok') return;
    assert.deepEqual([result.before.profile, result.after.profile], ['guide-cluster', 'kubectl-capture']);
    const changes = result.daemonSets[0].changes;
    assert.ok(changes.some((c) => c.node === 'worker-a' && c.before === undefined && c.after !== undefined));
    assert.ok(changes.some((c) => c.node === 'control-plane-1' && c.before === 'excluded' && c.after === undefined));
  });

  it('shows a DaemonSet present on one side only by its summary', () => {
    const result = service.compare({ uri: 'file:///x.yaml', before: { label: 'HEAD', text: 'kind: ConfigMap\n', profilePath: guide }, after: { label: 'unsaved', profilePath: guide } }, parseYamlFile(manifest));
    assert.ok(result.kind === 'ok' && result.daemonSets.length === 1 && !result.daemonSets[0].before && result.daemonSets[0].after && result.daemonSets[0].changes.length === 0);
  });

  it('says which side failed', () => {
    const result = service.compare({ uri: 'file:///x.yaml', before: { label: 'prod', profilePath: '/nope.yaml' }, after: { label: 'unsaved' } }, parseYamlFile(manifest));
    assert.deepEqual(result, { kind: 'error', message: 'prod: cannot read the cluster profile /nope.yaml' });
  });
});
