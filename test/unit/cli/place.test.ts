import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli } from './runCli';

const PROFILE = 'examples/profiles/guide.profile.yaml';

interface Report {
  cluster: { name: string; nodes: number };
  daemonSets: Array<{ name: string; namespace: string; file: string; line: number; nodes: Array<{ name: string; status: string; reasons: Array<{ code: string; message: string }>; notes: string[] }>; summary: Record<string, number> }>;
}

async function report(...manifests: string[]): Promise<Report> {
  const result = await cli('place', '--cluster', PROFILE, '--format', 'json', ...manifests);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Report;
}

function verdicts(r: Report, index = 0): Record<string, string> {
  return Object.fromEntries(r.daemonSets[index].nodes.map((n) => [n.name, `${n.status}${n.reasons.length ? ` ${n.reasons.map((x) => x.code).join(',')}` : ''}`]));
}

describe('place --format json', () => {
  it('has exactly the issue\'s shape', async () => {
    const r = await report('examples/fluentd.yaml');
    assert.deepEqual(Object.keys(r), ['cluster', 'daemonSets']);
    assert.deepEqual(r.cluster, { name: 'guide-cluster', nodes: 9 });
    const ds = r.daemonSets[0];
    assert.deepEqual(Object.keys(ds), ['name', 'namespace', 'file', 'line', 'nodes', 'summary']);
    assert.deepEqual([ds.name, ds.namespace, ds.file, ds.line], ['fluentd', 'logging', 'examples/fluentd.yaml', 2]);
    assert.deepEqual(Object.keys(ds.nodes[0]), ['name', 'status', 'reasons', 'notes']);
    assert.deepEqual(Object.keys(ds.summary), ['runs', 'pending', 'excluded']);
  });

  it('the guide\'s log collector (with the control-plane toleration)', async () => {
    assert.deepEqual(verdicts(await report('examples/fluentd.yaml')), {
      'platform-1': 'runs',
      'platform-2': 'runs',
      'gpu-1': 'excluded UntoleratedTaint',
      'gpu-2': 'excluded UntoleratedTaint',
      'control-plane-1': 'runs',
      node2: 'excluded UntoleratedTaint',
      'cordoned-1': 'runs',
      'notready-1': 'excluded UntoleratedTaint',
      'full-1': 'pending InsufficientPods,InsufficientCPU',
    });
  });

  it('the guide\'s nodeSelector, taint and affinity examples', async () => {
    const r = await report('examples/fluentd-nodeselector.yaml', 'examples/fluentd-taint.yaml', 'examples/fluentd-affinity.yaml');
    assert.deepEqual(r.daemonSets.map((d) => d.summary), [
      { runs: 2, pending: 0, excluded: 7 },
      { runs: 4, pending: 1, excluded: 4 },
      { runs: 2, pending: 0, excluded: 7 },
    ]);
    assert.equal(verdicts(r, 1).node2, 'runs', 'the NoExecute toleration lets it onto node2');
    assert.equal(verdicts(r, 1)['control-plane-1'], 'excluded UntoleratedTaint');
    assert.equal(verdicts(r, 0)['control-plane-1'], 'excluded NodeSelectorMismatch,UntoleratedTaint');
    assert.equal(verdicts(r, 2)['gpu-1'], 'excluded NodeAffinityMismatch,UntoleratedTaint');
  });

  it('defaults the namespace to default and exits 2 on unreadable input', async () => {
    const missing = await cli('place', '--cluster', 'nope.yaml', 'examples/fluentd.yaml');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml/);
    const badProfile = await cli('place', '--cluster', 'examples/fluentd.yaml', 'examples/fluentd.yaml');
    assert.equal(badProfile.code, 2);
    assert.match(badProfile.stderr, /not a cluster profile/);
    assert.equal((await cli('place', 'examples/fluentd.yaml')).code, 2, '--cluster is required');
  });

  it('prints a table for people', async () => {
    const result = await cli('place', '--cluster', PROFILE, 'examples/fluentd.yaml');
    assert.equal(result.code, 0);
    assert.match(result.stdout, /runs on 4 of 9 nodes · 1 pending · 4 not scheduled/);
    assert.match(result.stdout, /gpu-1 +not scheduled +UntoleratedTaint: taint nvidia\.com\/gpu=present:NoSchedule is not tolerated/);
  });
});
