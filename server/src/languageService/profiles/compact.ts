/**
 * Keeps a read profile compact: a big cluster has 100,000 nodes but a handful
 * of machine types and taint sets, so nodes with the same taints, allocatable
 * figures, host ports or pool name share one frozen object each
 * (labels are compact dictionaries already: defaults.ts). This holds the profile in a
 * fraction of the memory, and lets the placement engine recognise nodes it
 * has already judged by the identity of their taints (placeDaemonSet).
 *
 * Shared objects are frozen: nothing may change a node after the read.
 */
import type { ClusterProfile, HostPort, NodeModel, ResourceAmounts, Taint } from '../../placement/types';
import { dictionary } from '../../common/dictionary';

class Interner {
  private readonly strings = new Map<string, string>();
  private readonly objects = new Map<string, unknown>();
  /** The shared object for an object already seen: readers hand the same one to many nodes (concise.ts), keyed once. */
  private readonly seen = new Map<object, unknown>();

  string(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  /** One frozen object per distinct key: the first one seen under it. */
  shared<T extends object>(keyOf: (value: T) => string, value: T, freeze: (value: T) => T): T {
    const seen = this.seen.get(value) as T | undefined;
    if (seen !== undefined) return seen;
    const key = keyOf(value);
    let shared = this.objects.get(key) as T | undefined;
    if (shared === undefined) {
      shared = freeze(value);
      this.objects.set(key, shared);
    }
    this.seen.set(value, shared);
    return shared;
  }
}

const SEP = '\u0000';

function taintsKey(taints: Taint[]): string {
  return `t${taints.map((t) => `${t.key}${SEP}${t.value === undefined ? SEP : `=${t.value}`}${SEP}${t.effect}`).join('\u0001')}`;
}

function amountsKey(kind: string, amounts: ResourceAmounts): string {
  let key = kind;
  for (const name of Object.keys(amounts)) key += `${name}${SEP}${amounts[name]}\u0001`;
  return key;
}

const allocatableKey = (amounts: ResourceAmounts) => amountsKey('a', amounts);

function portsKey(ports: HostPort[]): string {
  return `p${ports.map((p) => `${p.port}/${p.protocol}/${p.hostIP}`).join(',')}`;
}

function compactNode(node: NodeModel, interner: Interner): NodeModel {
  const taints = node.taints.length === 0 ? NO_TAINTS : interner.shared(taintsKey, node.taints, (list) => Object.freeze(list.map((t) => Object.freeze({ ...t }))) as Taint[]);
  const hostPorts = node.hostPorts.length === 0 ? NO_PORTS : interner.shared(portsKey, node.hostPorts, (list) => Object.freeze(list.map((p) => Object.freeze({ ...p }))) as HostPort[]);
  const compact: NodeModel = { ...node, taints, hostPorts };
  if (node.pool !== undefined) compact.pool = interner.string(node.pool);
  if (node.allocatable) compact.allocatable = interner.shared(allocatableKey, node.allocatable, (amounts) => Object.freeze(dictionary(amounts)));
  // Requests differ from node to node (a kubectl capture sums the pods'): only idle nodes share theirs.
  if (Object.keys(node.requested).length === 0) compact.requested = NO_AMOUNTS;
  return compact;
}

const NO_TAINTS: Taint[] = Object.freeze([]) as unknown as Taint[];
const NO_PORTS: HostPort[] = Object.freeze([]) as unknown as HostPort[];
const NO_AMOUNTS: ResourceAmounts = Object.freeze(dictionary<bigint>());

/** The same profile, its nodes sharing what they have in common. */
export function compactProfile(profile: ClusterProfile): ClusterProfile {
  const interner = new Interner();
  return { name: profile.name, nodes: profile.nodes.map((node) => compactNode(node, interner)) };
}
