/**
 * The default scheduler's filters a created daemon pod can still fail on:
 * NodeResourcesFit (pods count, cpu, memory, ephemeral-storage, scalar
 * resources: extended resources, hugepages) and NodePorts (host port
 * conflicts). The others (NodeName, NodeAffinity, TaintToleration,
 * NodeUnschedulable) pass for every pod the controller creates.
 */
import { podHostPorts } from './podRequests';
import { formatAmount } from './quantity';
import type { DaemonSetModel, HostPort, NodeModel, Reason, ResourceAmounts } from './types';

const NATIVE = new Set(['cpu', 'memory', 'ephemeral-storage', 'pods']);

const show = formatAmount;

const LABEL: Record<string, string> = { cpu: 'CPU', memory: 'memory', 'ephemeral-storage': 'ephemeral storage' };
const CODE = { cpu: 'InsufficientCPU', memory: 'InsufficientMemory', 'ephemeral-storage': 'InsufficientEphemeralStorage' } as const;

/** Reasons the pod does not fit the node's free room (allocatable minus what bound pods request). */
export function resourceReasons(request: ResourceAmounts, node: NodeModel, requestSource: Reason['source']): Reason[] {
  const allocatable = node.allocatable;
  if (!allocatable) return [];
  const reasons: Reason[] = [];
  const allowedPods = allocatable.pods ?? 0n;
  if (BigInt(node.podCount) + 1n > allowedPods) {
    reasons.push({ code: 'InsufficientPods', message: `too many pods: the node already runs ${node.podCount} of ${allowedPods} allowed` });
  }
  const free = (name: string) => (allocatable[name] ?? 0n) - (node.requested[name] ?? 0n);
  for (const name of ['cpu', 'memory', 'ephemeral-storage'] as const) {
    const wanted = request[name];
    if (wanted !== undefined && wanted > 0n && wanted > free(name)) {
      reasons.push({
        code: CODE[name],
        message: `needs ${show(name, wanted)} ${LABEL[name]}, ${show(name, free(name) < 0n ? 0n : free(name))} free of ${show(name, allocatable[name] ?? 0n)}`,
        source: requestSource,
      });
    }
  }
  for (const [name, wanted] of Object.entries(request)) {
    if (NATIVE.has(name) || wanted <= 0n) continue;
    if (wanted > free(name)) {
      const available = free(name) < 0n ? 0n : free(name);
      reasons.push({
        code: 'InsufficientResource',
        message: `needs ${show(name, wanted)} ${name}, ${show(name, available)} free of ${show(name, allocatable[name] ?? 0n)}${allocatable[name] === undefined ? ` (the node has no ${name})` : ''}`,
        source: requestSource,
      });
    }
  }
  return reasons;
}

/** Upstream HostPortInfo.CheckConflict: same port and protocol, and overlapping addresses (0.0.0.0 overlaps all). */
export function portsConflict(a: HostPort, b: HostPort): boolean {
  if (a.port !== b.port || a.protocol !== b.protocol) return false;
  return a.hostIP === '0.0.0.0' || b.hostIP === '0.0.0.0' || a.hostIP === b.hostIP;
}

/** `wantedPorts`: the pod's host ports (podHostPorts), computed once per DaemonSet by a caller that places it on many nodes. */
export function hostPortReasons(ds: DaemonSetModel, node: NodeModel, wantedPorts: ReturnType<typeof podHostPorts> = podHostPorts(ds)): Reason[] {
  const reasons: Reason[] = [];
  if (node.hostPorts.length === 0) return reasons;
  for (const wanted of wantedPorts) {
    const used = node.hostPorts.find((existing) => portsConflict(wanted, existing));
    if (used) {
      reasons.push({
        code: 'HostPortConflict',
        message: `host port ${wanted.port}/${wanted.protocol}${wanted.hostIP !== '0.0.0.0' ? ` on ${wanted.hostIP}` : ''} (container ${wanted.container}${ds.hostNetwork ? ', hostNetwork' : ''}) is already in use on this node${used.hostIP !== '0.0.0.0' ? ` on ${used.hostIP}` : ''}`,
        source: wanted.source,
      });
    }
  }
  return reasons;
}
