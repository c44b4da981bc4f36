import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { readProfile } from '../../../server/src/languageService/profiles';

const fixture = (name: string) => readFileSync(resolve(__dirname, '../../fixtures/profiles', name), 'utf8');

describe('concise profiles', () => {
  it('expands pools into named nodes with default labels, taints, allocatable and load', () => {
    const { profile, errors } = readProfile(
      'kind: ClusterProfile\nmetadata: {name: prod-eu}\nnodePools:\n  - name: gpu\n    count: 2\n    labels: {nvidia.com/gpu.present: "true"}\n    taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]\n    allocatable: {cpu: "8", memory: 32Gi, nvidia.com/gpu: 4}\n    used: {cpu: "2", pods: 20}\nnodes:\n  - name: cp-1\n    labels: {kubernetes.io/arch: arm64}\n',
      'p.yaml',
    );
    assert.deepEqual(errors, []);
    assert.equal(profile?.name, 'prod-eu');
    assert.deepEqual(profile?.nodes.map((n) => n.name), ['gpu-1', 'gpu-2', 'cp-1']);
    const gpu = profile.nodes[0];
    assert.equal(gpu.pool, 'gpu');
    assert.deepEqual(gpu.taints, [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }]);
    assert.equal(gpu.allocatable?.cpu, 8000n);
    assert.equal(gpu.allocatable?.pods, 110n, 'pods defaults to the kubelet maxPods');
    assert.equal(gpu.requested.cpu, 2000n);
    assert.equal(gpu.podCount, 20);
    assert.equal(gpu.labels['kubernetes.io/hostname'], 'gpu-1');
    assert.equal(profile.nodes[2].labels['kubernetes.io/arch'], 'arm64', 'a node may override the default labels');
    assert.equal(profile.nodes[2].labels['kubernetes.io/os'], 'linux');
    assert.equal(profile.nodes[2].allocatable, undefined);
  });

  it('reports malformed profiles with line numbers, never throws', () => {
    const { errors } = readProfile('kind: ClusterProfile\nnodePools:\n  - name: a\n    count: many\n    taints: [{key: x, effect: Sometimes}]\n    allocatable: {cpu: lots}\n    colour: blue\n', 'p.yaml');
    const lines = errors.map((e) => e.line).sort();
    assert.deepEqual(lines, [4, 5, 6, 7]);
    assert.ok(errors.some((e) => /count must be an integer/.test(e.message)));
    assert.ok(errors.some((e) => /effect is missing or unknown: use one of/.test(e.message)));
    assert.ok(errors.some((e) => /quantity/.test(e.message)));
    assert.ok(errors.some((e) => /unknown field colour/.test(e.message)));
    for (const garbage of ['', '[', 'just a string', 'kind: ClusterProfile\nnodes: 5\n', 'kind: ClusterProfile\nnodePools: [{name: a, count: 99999999}]\n', '{"kind": "List", "items": 3}', 'a: &a [*a]\n']) {
      const result = readProfile(garbage, 'g.yaml');
      assert.ok(result.errors.length > 0, JSON.stringify(garbage));
    }
  });
});

describe('kubectl profiles', () => {
  it('reads nodes, and counts bound running pods as their load', () => {
    const { profile, errors, format } = readProfile(fixture('kubectl-nodes-pods.json'), 'prod.json');
    assert.deepEqual(errors, []);
    assert.equal(format, 'kubectl');
    assert.equal(profile?.name, 'prod');
    const [a, b] = profile.nodes;
    assert.deepEqual(a.taints, [{ key: 'dedicated', value: 'ingress', effect: 'NoSchedule' }]);
    assert.equal(a.allocatable?.cpu, 3920n);
    assert.equal(a.ready, true);
    assert.equal(b.unschedulable, true);
    assert.equal(b.ready, false);
    assert.equal(b.podCount, 1, 'the Succeeded pod does not count');
    assert.equal(b.requested.cpu, 1500n);
    assert.deepEqual(b.hostPorts, [{ port: 8080, protocol: 'TCP', hostIP: '0.0.0.0' }]);
  });
});
