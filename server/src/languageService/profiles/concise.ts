/**
 * The concise profile format (`kind: ClusterProfile`): node pools of identical
 * nodes and single nodes, with labels, taints, allocatable, what already runs
 * (`used`), host ports in use, and cordoning. schemas/clusterProfile.schema.json
 * describes the same format for editors.
 */
import type { HostPort, NodeModel, Taint } from '../../placement/types';
import type { ProfileReader } from './reader';
import type { ProfileReadResult } from './types';
import { withDefaultLabels } from './defaults';
import { compactDictionary } from '../../common/dictionary';

const TOP_KEYS = new Set(['apiVersion', 'kind', 'metadata', 'nodePools', 'nodes']);
export const NODE_KEYS = new Set(['name', 'labels', 'taints', 'allocatable', 'used', 'unschedulable', 'hostPorts', 'ready']);
const POOL_KEYS = new Set([...NODE_KEYS, 'count']);
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
/** The kubelet's default maxPods, used when a profile gives allocatable without `pods`. */
export const DEFAULT_MAX_PODS = 110n;
/** Bound on the nodes one profile may expand to (pools multiply). */
export const MAX_NODES = 200_000;

function taints(reader: ProfileReader, node: unknown, where: string): Taint[] {
  return reader.items(node, `${where}.taints`).flatMap((item, i) => {
    const at = `${where}.taints[${i}]`;
    const fields = new Map(reader.entries(item, at).map((e) => [e.key, e]));
    for (const [key, entry] of fields) if (!['key', 'value', 'effect'].includes(key)) reader.error(entry.keyNode, `${at}: unknown field ${key} (key, value, effect): remove it, or correct its name`);
    const key = reader.string(fields.get('key')?.value, `${at}.key`);
    const effect = reader.string(fields.get('effect')?.value, `${at}.effect`);
    if (!key) reader.error(item, `${at}.key is required: add the taint's key`);
    if (!effect || !EFFECTS.includes(effect)) reader.error(fields.get('effect')?.value ?? item, `${at}.effect is missing or unknown: use one of ${EFFECTS.join(', ')}`);
    if (!key || !effect || !EFFECTS.includes(effect)) return [];
    const value = reader.string(fields.get('value')?.value, `${at}.value`);
    return [{ key, effect, ...(value ? { value } : {}) }];
  });
}

function hostPorts(reader: ProfileReader, node: unknown, where: string): HostPort[] {
  return reader.items(node, `${where}.hostPorts`).flatMap((item, i) => {
    const at = `${where}.hostPorts[${i}]`;
    const direct = reader.number(item);
    if (direct !== undefined) return [{ port: direct, protocol: 'TCP', hostIP: '0.0.0.0' }];
    const fields = new Map(reader.entries(item, at).map((e) => [e.key, e.value]));
    const port = reader.integer(fields.get('port'), `${at}.port`);
    if (port === undefined) {
      reader.error(item, `${at} is not a host port: write a port number or {port, protocol, hostIP}`);
      return [];
    }
    return [{ port, protocol: reader.string(fields.get('protocol'), `${at}.protocol`) ?? 'TCP', hostIP: reader.string(fields.get('hostIP'), `${at}.hostIP`) ?? '0.0.0.0' }];
  });
}

/**
 * What one read of a profile has already made of a value, by the value's
 * identity. The fast YAML reader hands out one shared value for each distinct
 * one-line flow (`allocatable: {cpu: "8", memory: 32Gi}` on 100,000 nodes), so
 * the amounts, taints and ports are made once rather than per node; the full
 * parser's nodes are all distinct and never hit. Only reads that reported
 * nothing are kept, since messages name the node they come from.
 */
export class ReadOnce {
  private readonly made = new Map<unknown, unknown>();
  constructor(private readonly reader: ProfileReader) {}

  get<T>(value: unknown, make: () => T): T {
    if (typeof value !== 'object' || value === null) return make();
    if (this.made.has(value)) return this.made.get(value) as T;
    const errors = this.reader.errors.length;
    const made = make();
    if (this.reader.errors.length === errors) this.made.set(value, made);
    return made;
  }
}

const NO_LABELS: Record<string, string> = compactDictionary<string>();

/** A node's fields other than its name and labels, as read (taints, amounts and ports shared through `once`). */
export type NodeBody = Omit<NodeModel, 'name' | 'labels' | 'pool'>;

/**
 * The fields of one node or pool entry other than its name and labels, read
 * from the entry's values by key. Shared by the entry reader below and the
 * direct reader of single nodes (conciseNodes.ts).
 */
export function nodeBody(reader: ProfileReader, once: ReadOnce, fields: ReadonlyMap<string, unknown>, where: string): NodeBody {
  const hasAllocatable = fields.has('allocatable') && fields.get('allocatable') !== null;
  const allocatable = hasAllocatable
    ? once.get(fields.get('allocatable'), () => {
        const amounts = reader.resources(fields.get('allocatable'), `${where}.allocatable`);
        if (amounts.pods === undefined) amounts.pods = DEFAULT_MAX_PODS;
        return amounts;
      })
    : undefined;
  const used = reader.resources(fields.get('used'), `${where}.used`);
  const podCount = Number(used.pods ?? 0n);
  delete used.pods;
  return {
    taints: once.get(fields.get('taints'), () => taints(reader, fields.get('taints'), where)),
    unschedulable: reader.boolean(fields.get('unschedulable'), `${where}.unschedulable`) ?? false,
    allocatable,
    requested: used,
    podCount,
    hostPorts: once.get(fields.get('hostPorts'), () => hostPorts(reader, fields.get('hostPorts'), where)),
    ready: reader.boolean(fields.get('ready'), `${where}.ready`),
  };
}

/**
 * Reads one node or pool entry into a node template (name filled in by the
 * caller). `labelsOf`: the node's name as plain text, when the entry is a
 * single node read from plain values; its labels are then made complete, with
 * the defaults, in one object (100,000 nodes, not twice as many label maps).
 */
function nodeTemplate(reader: ProfileReader, once: ReadOnce, item: unknown, where: string, allowed: Set<string>, single = false): { fields: Map<string, unknown>; labels: Record<string, string>; body: NodeBody; labelsOf?: string } {
  const entries = reader.entries(item, where);
  const fields = new Map(entries.map((e) => [e.key, e.value]));
  for (const entry of entries) if (!allowed.has(entry.key)) reader.error(entry.keyNode, `${where}: unknown field ${entry.key} (${[...allowed].join(', ')}): remove it, or correct its name`);
  const name = fields.get('name');
  const labelsOf = single && typeof name === 'string' && name !== '' ? name : undefined;
  const labels = labelsOf === undefined ? compactDictionary<string>() : withDefaultLabels(labelsOf, NO_LABELS);
  for (const { key, value } of reader.entries(fields.get('labels'), `${where}.labels`)) labels[key] = reader.string(value, `${where}.labels.${key}`) ?? '';
  return { fields, labelsOf, labels, body: nodeBody(reader, once, fields, where) };
}

/**
 * Reads a concise profile. `singles`: the single nodes, complete, when a
 * reader has already made them from the text (conciseNodes.ts); the
 * profile's own `nodes` field is then not read.
 */
export function readConcise(reader: ProfileReader, fallbackName: string, singles?: NodeModel[]): ProfileReadResult {
  const top = reader.entries(reader.root, 'the profile');
  const fields = new Map(top.map((e) => [e.key, e.value]));
  for (const entry of top) if (!TOP_KEYS.has(entry.key)) reader.error(entry.keyNode, `unknown field ${entry.key} (apiVersion, kind, metadata, nodePools, nodes): remove it, or correct its name`);
  const metadata = new Map(reader.entries(fields.get('metadata'), 'metadata').map((e) => [e.key, e.value]));
  const name = reader.string(metadata.get('name'), 'metadata.name') ?? fallbackName;
  const nodes: NodeModel[] = [];
  const once = new ReadOnce(reader);
  const names = new Set<string>();
  // A node shares its template's taints, amounts and ports (pool members all have the same); only its labels are its own.
  const addNode = (name: string, pool: string | undefined, written: Record<string, string>, body: NodeBody, at: unknown, labelsDone = false) => {
    if (names.has(name)) reader.error(at, `duplicate node name ${name}: rename one of the nodes`);
    names.add(name);
    const { taints, unschedulable, allocatable, requested, podCount, hostPorts, ready } = body;
    const labels = labelsDone ? written : withDefaultLabels(name, written);
    // Object literals of one shape each (a spread per node costs a second on 100,000 nodes); `pool` only on pool members.
    if (pool === undefined) nodes.push({ labels, taints, unschedulable, allocatable, requested, podCount, hostPorts, ready, name });
    else nodes.push({ labels, taints, unschedulable, allocatable, requested, podCount, hostPorts, ready, name, pool });
  };
  reader.items(fields.get('nodePools'), 'nodePools').forEach((item, i) => {
    const where = `nodePools[${i}]`;
    const { fields: poolFields, labels, body } = nodeTemplate(reader, once, item, where, POOL_KEYS);
    const pool = reader.string(poolFields.get('name'), `${where}.name`);
    const count = reader.integer(poolFields.get('count'), `${where}.count`);
    if (!pool) return reader.error(item, `${where}.name is required: add the pool's name`);
    if (count === undefined && !poolFields.get('count')) return reader.error(item, `${where}.count is required: add the number of nodes in the pool`);
    if (count === undefined) return; // reported by the read
    if (count < 0) return reader.error(poolFields.get('count'), `${where}.count is negative: use 0 or more`);
    if (nodes.length + count > MAX_NODES) return reader.error(poolFields.get('count'), `${where}.count: a profile may hold at most ${MAX_NODES} nodes; lower the counts`);
    for (let n = 1; n <= count; n++) addNode(`${pool}-${n}`, pool, labels, body, item);
  });
  for (const node of singles ?? []) {
    if (names.has(node.name)) reader.error(reader.root, `duplicate node name ${node.name}: rename one of the nodes`);
    names.add(node.name);
    nodes.push(node);
  }
  if (!singles) reader.items(fields.get('nodes'), 'nodes').forEach((item, i) => {
    const where = `nodes[${i}]`;
    const { fields: nodeFields, labels, body, labelsOf } = nodeTemplate(reader, once, item, where, NODE_KEYS, true);
    const nodeName = reader.string(nodeFields.get('name'), `${where}.name`);
    if (!nodeName) return reader.error(item, `${where}.name is required: add the node's name`);
    addNode(nodeName, undefined, labels, body, item, labelsOf === nodeName);
  });
  if (nodes.length === 0 && reader.errors.length === 0) reader.error(reader.root, 'the profile has no nodes: add nodePools or nodes');
  return { profile: { name, nodes }, errors: reader.errors, format: 'concise' };
}
