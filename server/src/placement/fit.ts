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

/** What is left of a resource on the node: allocatable minus what bound pods request (negative when overcommitted). */
function freeOf(allocatable: ResourceAmounts, requested: ResourceAmounts, name: string): bigint {
  return (allocatable[name] ?? 0n) - (requested[name] ?? 0n);
}

/** A resource of the pod's request that does not fit into the node's free room. */
function shortage(name: string, wanted: bigint, allocatable: ResourceAmounts, requested: ResourceAmounts, requestSource: Reason['source']): Reason {
  const free = freeOf(allocatable, requested, name);
  const available = show(name, free < 0n ? 0n : free);
  if (name === 'cpu' || name === 'memory' || name === 'ephemeral-storage') {
    return { code: CODE[name], message: `needs ${show(name, wanted)} ${LABEL[name]}, ${available} free of ${show(name, allocatable[name] ?? 0n)}`, source: requestSource };
  }
  return {
    code: 'InsufficientResource',
    message: `needs ${show(name, wanted)} ${name}, ${available} free of ${show(name, allocatable[name] ?? 0n)}${allocatable[name] === undefined ? ` (the node has no ${name})` : ''}`,
    source: requestSource,
  };
}

/**
 * The resources of a pod's request in the order their reasons are reported
 * (cpu, memory, ephemeral-storage, then the others as the request lists
 * them), zero amounts and the pod count left out. Computed once per
 * DaemonSet by a caller that places it on many nodes.
 */
export function requestedResources(request: ResourceAmounts): Array<[string, bigint]> {
  const native = (['cpu', 'memory', 'ephemeral-storage'] as const).filter((name) => request[name] !== undefined && request[name] > 0n).map((name): [string, bigint] => [name, request[name]]);
  const others = Object.entries(request).filter(([name, wanted]) => !NATIVE.has(name) && wanted > 0n);
  return [...native, ...others];
}

/**
 * Reasons the pod does not fit the node's free room (allocatable minus what
 * bound pods request). `wanted`: requestedResources of the pod's request.
 * Placement asks this of every node of a big profile, so the common answer
 * (it fits) costs one comparison per resource and allocates nothing.
 */
export function resourceReasons(wanted: Array<[string, bigint]>, node: NodeModel, requestSource: Reason['source']): Reason[] {
  const allocatable = node.allocatable;
  if (!allocatable) return NO_REASONS;
  const requested = node.requested;
  const allowedPods = allocatable.pods ?? 0n;
  // podCount + 1 > allowedPods, for integers: podCount >= allowedPods (no BigInt made per node).
  let reasons = node.podCount >= allowedPods ? [{ code: 'InsufficientPods' as const, message: `too many pods: the node already runs ${node.podCount} of ${allowedPods} allowed` }] : NO_REASONS;
  for (const [name, amount] of wanted) {
    if (amount <= freeOf(allocatable, requested, name)) continue;
    if (reasons === NO_REASONS) reasons = [];
    reasons.push(shortage(name, amount, allocatable, requested, requestSource));
  }
  return reasons;
}

const NO_REASONS: Reason[] = Object.freeze([]) as unknown as Reason[];

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
