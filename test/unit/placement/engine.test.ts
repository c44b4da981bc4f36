import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placeDaemonSet } from '../../../server/src/placement';
import type { ClusterProfile, DaemonSetModel, NodeModel } from '../../../server/src/placement';
import { daemonPodTolerations, toleratesTaint } from '../../../server/src/placement/tolerations';
import { podRequests as podRequestsOf } from '../../../server/src/placement/podRequests';

/** The requests as a plain object (the engine's maps have no prototype, which deepEqual compares). */
const podRequests = (...args: Parameters<typeof podRequestsOf>) => ({ ...podRequestsOf(...args) });

const GiB = 1024n ** 3n;

function ds(overrides: Partial<DaemonSetModel> = {}): DaemonSetModel {
  return {
    name: 'agent',
    namespace: 'default',
    nodeSelector: {},
    preferredTerms: [],
    tolerations: [],
    hostNetwork: false,
    containers: [{ name: 'agent', requests: { cpu: 100n, memory: GiB / 8n }, limits: {}, ports: [] }],
    initContainers: [],
    overhead: {},
    sources: {},
    ...overrides,
  };
}

function node(name: string, overrides: Partial<NodeModel> = {}): NodeModel {
  return {
    name,
    labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
    taints: [],
    unschedulable: false,
    allocatable: { cpu: 4000n, memory: 16n * GiB, pods: 110n },
    requested: {},
    podCount: 0,
    hostPorts: [],
    ...overrides,
  };
}

function place(d: DaemonSetModel, ...nodes: NodeModel[]) {
  const profile: ClusterProfile = { name: 'test', nodes };
  return placeDaemonSet(d, profile).nodes.map((n) => ({ name: n.name, status: n.status, codes: n.reasons.map((r) => r.code) }));
}

describe('tolerations', () => {
  it('matches as upstream: empty key with Exists matches every taint, empty effect every effect', () => {
    assert.ok(toleratesTaint({ operator: 'Exists' }, { key: 'anything', value: 'x', effect: 'NoExecute' }));
    assert.ok(toleratesTaint({ key: 'a', operator: 'Exists' }, { key: 'a', value: 'x', effect: 'NoSchedule' }));
    assert.ok(toleratesTaint({ key: 'a', value: 'x' }, { key: 'a', value: 'x', effect: 'NoSchedule' }), 'empty operator means Equal');
    assert.ok(!toleratesTaint({ key: 'a', value: 'y' }, { key: 'a', value: 'x', effect: 'NoSchedule' }));
    assert.ok(!toleratesTaint({ key: 'a', operator: 'Exists', effect: 'NoExecute' }, { key: 'a', effect: 'NoSchedule' }));
    assert.ok(toleratesTaint({ key: 'a', operator: 'Gt', value: '5' }, { key: 'a', value: '7', effect: 'NoSchedule' }));
  });

  it('adds the controller tolerations; network-unavailable only with hostNetwork; replaces a matching written one', () => {
    const keys = (host: boolean) => daemonPodTolerations([], host).map((t) => `${t.key}:${t.effect}`);
    assert.deepEqual(keys(false), [
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    assert.ok(keys(true).includes('node.kubernetes.io/network-unavailable:NoSchedule'));
    const replaced = daemonPodTolerations([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], false);
    assert.equal(replaced.filter((t) => t.key === 'node.kubernetes.io/not-ready').length, 1);
    assert.equal(replaced[0].tolerationSeconds, undefined, 'the controller makes it infinite');
  });
});

describe('placement: not created (excluded)', () => {
  it('nodeSelector: every pair must match; each mismatch is a reason', () => {
    const result = place(ds({ nodeSelector: { type: 'platform-tools', disk: 'ssd' } }), node('a', { labels: { type: 'platform-tools', disk: 'ssd' } }), node('b', { labels: { type: 'other' } }));
    assert.deepEqual(result, [
      { name: 'a', status: 'runs', codes: [] },
      { name: 'b', status: 'excluded', codes: ['NodeSelectorMismatch', 'NodeSelectorMismatch'] },
    ]);
  });

  it('required node affinity: terms ORed, expressions ANDed, all operators, matchFields on metadata.name', () => {
    const affinity = ds({
      requiredTerms: [
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }, { key: 'gpu', operator: 'DoesNotExist' }] },
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['special'] }] },
        { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['16'] }] },
      ],
    });
    const result = place(
      affinity,
      node('in-zone', { labels: { zone: 'a' } }),
      node('gpu-in-zone', { labels: { zone: 'a', gpu: 'yes' } }),
      node('special'),
      node('big', { labels: { cores: '32' } }),
      node('small', { labels: { cores: '8' } }),
    );
    assert.deepEqual(result.map((r) => r.status), ['runs', 'excluded', 'runs', 'runs', 'excluded']);
    assert.deepEqual(result[1].codes, ['NodeAffinityMismatch']);
    const notIn = place(ds({ requiredTerms: [{ matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['db'] }, { key: 'x', operator: 'Exists' }] }] }), node('n', { labels: { x: '' } }), node('db', { labels: { role: 'db', x: '1' } }));
    assert.deepEqual(notIn.map((r) => r.status), ['runs', 'excluded']);
    assert.equal(place(ds({ requiredTerms: [{}] }), node('n'))[0].status, 'excluded', 'an empty term matches nothing');
  });

  it('template nodeName pins the pod to one node', () => {
    assert.deepEqual(place(ds({ nodeName: 'b' }), node('a'), node('b')).map((r) => [r.status, r.codes]), [
      ['excluded', ['NodeNameMismatch']],
      ['runs', []],
    ]);
  });

  it('taints: NoSchedule and NoExecute exclude unless tolerated; PreferNoSchedule never does', () => {
    const tainted = (effect: string) => node(effect, { taints: [{ key: 'dedicated', value: 'gpu', effect }] });
    const result = place(ds(), tainted('NoSchedule'), tainted('NoExecute'), tainted('PreferNoSchedule'));
    assert.deepEqual(result.map((r) => r.status), ['excluded', 'excluded', 'runs']);
    const tolerated = place(ds({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }), tainted('NoSchedule'), tainted('NoExecute'));
    assert.deepEqual(tolerated.map((r) => r.status), ['runs', 'excluded']);
  });

  it('names the taint in the message and explains not-ready NoSchedule', () => {
    const placement = placeDaemonSet(ds(), { name: 't', nodes: [node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), node('nr', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] })] });
    assert.equal(placement.nodes[0].reasons[0].message, 'taint dedicated=gpu:NoSchedule is not tolerated');
    assert.match(placement.nodes[1].reasons[0].message, /only with effect NoExecute.*CNI agents tolerate every taint/);
  });

  it('cordoned and NotReady-by-condition nodes still get the pod: only taints decide', () => {
    const result = placeDaemonSet(ds(), { name: 't', nodes: [node('cordoned', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), node('notready', { ready: false, taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] })] });
    assert.deepEqual(result.nodes.map((n) => n.status), ['runs', 'runs']);
    assert.ok(result.nodes[0].notes.some((n) => /cordoned/.test(n)));
  });

  it('reports every controller reason together', () => {
    const result = place(ds({ nodeName: 'x', nodeSelector: { a: 'b' } }), node('n', { taints: [{ key: 't', effect: 'NoSchedule' }] }));
    assert.deepEqual(result[0].codes, ['NodeNameMismatch', 'NodeSelectorMismatch', 'UntoleratedTaint']);
  });
});

describe('placement: pending (the scheduler cannot fit the pod)', () => {
  it('cpu, memory, ephemeral storage, pods count and extended resources, with numbers', () => {
    const big = ds({ containers: [{ name: 'c', requests: { cpu: 500n, memory: 2n * GiB, 'ephemeral-storage': 10n * GiB, 'nvidia.com/gpu': 1n }, limits: {}, ports: [] }] });
    const full = node('full', { allocatable: { cpu: 4000n, memory: 16n * GiB, 'ephemeral-storage': 20n * GiB, pods: 110n }, requested: { cpu: 3800n, memory: 15n * GiB, 'ephemeral-storage': 15n * GiB }, podCount: 110 });
    const placement = placeDaemonSet(big, { name: 't', nodes: [full] }).nodes[0];
    assert.equal(placement.status, 'pending');
    assert.deepEqual(placement.reasons.map((r) => r.code), ['InsufficientPods', 'InsufficientCPU', 'InsufficientMemory', 'InsufficientEphemeralStorage', 'InsufficientResource']);
    assert.equal(placement.reasons[1].message, 'needs 500m CPU, 200m free of 4');
    assert.match(placement.reasons[4].message, /nvidia\.com\/gpu/);
  });

  it('a pod that requests nothing needs only a free pod slot', () => {
    const empty = ds({ containers: [{ name: 'c', requests: {}, limits: {}, ports: [] }] });
    const result = place(empty, node('no-cpu-left', { requested: { cpu: 4000n, memory: 16n * GiB }, podCount: 5 }), node('no-slot', { podCount: 110 }));
    assert.deepEqual(result.map((r) => [r.status, r.codes]), [
      ['runs', []],
      ['pending', ['InsufficientPods']],
    ]);
  });

  it('host ports: same port and protocol, overlapping address; hostNetwork defaults hostPort', () => {
    const withPort = ds({ hostNetwork: true, containers: [{ name: 'exporter', requests: {}, limits: {}, ports: [{ containerPort: 9100 }] }] });
    const result = place(
      withPort,
      node('taken', { hostPorts: [{ port: 9100, protocol: 'TCP', hostIP: '10.0.0.1' }] }),
      node('udp', { hostPorts: [{ port: 9100, protocol: 'UDP', hostIP: '0.0.0.0' }] }),
      node('free'),
    );
    assert.deepEqual(result.map((r) => [r.status, r.codes]), [
      ['pending', ['HostPortConflict']],
      ['runs', []],
      ['runs', []],
    ]);
    const specificIp = ds({ containers: [{ name: 'c', requests: {}, limits: {}, ports: [{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.2' }] }] });
    assert.equal(place(specificIp, node('other-ip', { hostPorts: [{ port: 8080, protocol: 'TCP', hostIP: '10.0.0.1' }] }))[0].status, 'runs');
  });

  it('excluded nodes are not checked for resources', () => {
    const result = place(ds({ nodeSelector: { a: 'b' } }), node('full', { podCount: 110 }));
    assert.deepEqual(result[0].codes, ['NodeSelectorMismatch']);
  });

  it('notes a node without allocatable figures and preemption by priority', () => {
    const placement = placeDaemonSet(ds({ priorityClassName: 'system-node-critical' }), { name: 't', nodes: [node('unknown', { allocatable: undefined }), node('full', { podCount: 110 })] });
    assert.equal(placement.nodes[0].status, 'runs');
    assert.ok(placement.nodes[0].notes.some((n) => /no allocatable/.test(n)));
    assert.ok(placement.nodes[1].notes.some((n) => /preempt/.test(n)));
  });
});

describe('placement: boundaries and alike nodes', () => {
  it('the last free pod slot and a request equal to the free room still fit; an overcommitted node shows 0 free', () => {
    const agent = ds({ containers: [{ name: 'c', requests: { cpu: 500n, memory: GiB }, limits: {}, ports: [] }] });
    const result = placeDaemonSet(agent, {
      name: 't',
      nodes: [
        node('last-slot', { podCount: 109 }),
        node('no-slot', { podCount: 110 }),
        node('exact', { requested: { cpu: 3500n, memory: 15n * GiB } }),
        node('one-milli-short', { requested: { cpu: 3501n } }),
        node('overcommitted', { requested: { cpu: 5000n } }),
      ],
    }).nodes;
    assert.deepEqual(
      result.map((n) => [n.name, n.status, n.reasons.map((r) => r.message)]),
      [
        ['last-slot', 'runs', []],
        ['no-slot', 'pending', ['too many pods: the node already runs 110 of 110 allowed']],
        ['exact', 'runs', []],
        ['one-milli-short', 'pending', ['needs 500m CPU, 499m free of 4']],
        ['overcommitted', 'pending', ['needs 500m CPU, 0 free of 4']],
      ],
    );
  });

  it('nodes written one by one with equal taints get the same verdict; a taint that differs in value or effect is judged on its own', () => {
    const tolerant = ds({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoExecute' }] });
    const taint = (value: string | undefined, effect: string) => [{ key: 'dedicated', ...(value === undefined ? {} : { value }), effect }];
    const nodes = [
      node('a', { taints: taint('infra', 'NoExecute') }),
      node('b', { taints: taint('infra', 'NoExecute') }),
      node('other-value', { taints: taint('batch', 'NoExecute') }),
      node('other-effect', { taints: taint('infra', 'NoSchedule') }),
      node('no-value', { taints: taint(undefined, 'NoExecute') }),
      node('c', { taints: taint('infra', 'NoExecute') }),
    ];
    const result = placeDaemonSet(tolerant, { name: 't', nodes }).nodes;
    assert.deepEqual(
      result.map((n) => [n.name, n.status, n.reasons.map((r) => r.message)]),
      [
        ['a', 'runs', []],
        ['b', 'runs', []],
        ['other-value', 'excluded', ['taint dedicated=batch:NoExecute is not tolerated']],
        ['other-effect', 'excluded', ['taint dedicated=infra:NoSchedule is not tolerated']],
        ['no-value', 'excluded', ['taint dedicated:NoExecute is not tolerated']],
        ['c', 'runs', []],
      ],
    );
  });
});

describe('pod requests as upstream computes them', () => {
  it('requests default to limits; init containers by max; sidecars added; overhead added', () => {
    assert.deepEqual(podRequests({ containers: [{ requests: {}, limits: { cpu: 200n } }], initContainers: [] }), { cpu: 200n });
    assert.deepEqual(
      podRequests({
        containers: [{ requests: { cpu: 100n }, limits: {} }],
        initContainers: [{ requests: { cpu: 500n }, limits: {} }],
      }),
      { cpu: 500n },
    );
    assert.deepEqual(
      podRequests({
        containers: [{ requests: { cpu: 100n }, limits: {} }],
        initContainers: [
          { requests: { cpu: 50n }, limits: {}, restartPolicy: 'Always' },
          { requests: { cpu: 120n }, limits: {} },
        ],
        overhead: { cpu: 10n },
      }),
      { cpu: 180n },
      'sidecar 50 + container 100 = 150; init 120 + sidecar 50 = 170 → max 170, + overhead 10',
    );
  });

  it('preferred affinity gives a score, never a verdict', () => {
    const preferring = ds({ preferredTerms: [{ weight: 5, preference: { matchExpressions: [{ key: 'fast', operator: 'Exists' }] } }] });
    const result = placeDaemonSet(preferring, { name: 't', nodes: [node('fast', { labels: { fast: '' } }), node('slow')] });
    assert.deepEqual(result.nodes.map((n) => [n.status, n.score]), [
      ['runs', 5],
      ['runs', 0],
    ]);
  });
});
