/** Placement of one DaemonSet on 5,000 and 100,000 nodes. */
import { placeDaemonSet } from '../server/src/placement';
import type { ClusterProfile, DaemonSetModel, NodeModel } from '../server/src/placement';
import { fmt, line, sample, time } from './stats';

export function profile(count: number): ClusterProfile {
  const nodes: NodeModel[] = [];
  for (let i = 0; i < count; i++) {
    const pool = ['general', 'gpu', 'infra', 'arm'][i % 4];
    nodes.push({
      name: `${pool}-${i}`,
      pool,
      labels: { 'kubernetes.io/hostname': `${pool}-${i}`, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': pool === 'arm' ? 'arm64' : 'amd64', 'topology.kubernetes.io/zone': `zone-${i % 3}` },
      taints: pool === 'gpu' ? [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] : pool === 'infra' ? [{ key: 'dedicated', value: 'infra', effect: 'NoExecute' }] : [],
      unschedulable: i % 97 === 0,
      allocatable: { cpu: 8000n, memory: 32n * 1024n ** 3n, pods: 110n, 'ephemeral-storage': 100n * 1024n ** 3n },
      requested: { cpu: BigInt((i * 37) % 8000), memory: BigInt(i % 30) * 1024n ** 3n },
      podCount: i % 111,
      hostPorts: i % 50 === 0 ? [{ port: 9100, protocol: 'TCP', hostIP: '0.0.0.0' }] : [],
    });
  }
  return { name: `bench-${count}`, nodes };
}

const ds: DaemonSetModel = {
  name: 'node-exporter',
  namespace: 'monitoring',
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  requiredTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }] }],
  preferredTerms: [{ weight: 10, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-1'] }] } }],
  tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
  hostNetwork: true,
  containers: [{ name: 'exporter', requests: { cpu: 100n, memory: 64n * 1024n ** 2n }, limits: { memory: 128n * 1024n ** 2n }, ports: [{ containerPort: 9100 }] }],
  initContainers: [],
  overhead: {},
  priorityClassName: 'system-node-critical',
  sources: {},
};

export function runPlacementBench(): void {
  console.log('placement engine');
  const small = profile(5000);
  for (let i = 0; i < 20; i++) placeDaemonSet(ds, small);
  const result = sample(50, () => placeDaemonSet(ds, small));
  line('one DaemonSet × 5,000 nodes (median)', fmt(result.median), '≤ 20 ms');
  line('one DaemonSet × 5,000 nodes (p95, garbage collections included)', fmt(result.p95));
  const before = process.memoryUsage().heapUsed;
  const big = profile(100_000);
  const { ms, result: placed } = time(() => placeDaemonSet(ds, big));
  const after = process.memoryUsage().heapUsed;
  line('one DaemonSet × 100,000 nodes', fmt(ms));
  line('heap for the 100,000-node profile and its verdicts', `${((after - before) / 1024 / 1024).toFixed(0)} MB`);
  line('verdicts (runs / pending / excluded)', `${placed.summary.runs}/${placed.summary.pending}/${placed.summary.excluded}`);
}
