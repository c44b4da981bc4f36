/**
 * Profiles captured with `kubectl get nodes -o json` or `kubectl get nodes,pods -A -o json`
 * (JSON or YAML): a v1 List of Node and optionally Pod objects, or such
 * objects as separate YAML documents. Pods bound to a node and not
 * Succeeded/Failed are the node's load: their requests, their count, their host ports.
 */
import { podHostPorts, podRequests } from '../../placement/podRequests';
import type { ContainerModel, NodeModel } from '../../placement/types';
import type { YamlFile } from '../yamlModel';
import { withDefaultLabels } from './defaults';
import type { ProfileReader } from './reader';
import { Reader } from './reader';
import type { ProfileError, ProfileReadResult } from './types';
import { dictionary } from '../../common/dictionary';

/** kubectl list kinds, and the kind of their items when an item does not say it. */
export const LIST_ITEM_KINDS: Readonly<Record<string, string | undefined>> = dictionary({ List: undefined, NodeList: 'Node', PodList: 'Pod' });
const LIST_KINDS = new Set(Object.keys(LIST_ITEM_KINDS));

function field(reader: ProfileReader, node: unknown, ...path: string[]): unknown {
  let current: unknown = node;
  for (const key of path) {
    current = reader.child(current, key, key);
    if (current === null) return null;
  }
  return current;
}

function containers(reader: ProfileReader, list: unknown): ContainerModel[] {
  return reader.items(list, 'containers').map((item) => {
    const resources = field(reader, item, 'resources');
    return {
      name: reader.string(field(reader, item, 'name'), 'name') ?? '',
      requests: reader.resources(field(reader, resources, 'requests'), 'resources.requests'),
      limits: reader.resources(field(reader, resources, 'limits'), 'resources.limits'),
      restartPolicy: reader.string(field(reader, item, 'restartPolicy'), 'restartPolicy'),
      ports: reader.items(field(reader, item, 'ports'), 'ports').flatMap((port) => {
        const containerPort = reader.integer(field(reader, port, 'containerPort'), 'containerPort');
        if (containerPort === undefined) return [];
        return [{ containerPort, hostPort: reader.integer(field(reader, port, 'hostPort'), 'hostPort'), protocol: reader.string(field(reader, port, 'protocol'), 'protocol'), hostIP: reader.string(field(reader, port, 'hostIP'), 'hostIP') }];
      }),
    };
  });
}

function readNode(reader: ProfileReader, item: unknown): NodeModel | undefined {
  const name = reader.string(field(reader, item, 'metadata', 'name'), 'metadata.name');
  if (!name) {
    reader.error(item, 'a Node without metadata.name: add its name');
    return undefined;
  }
  const labels = dictionary<string>();
  for (const { key, value } of reader.entries(field(reader, item, 'metadata', 'labels'), 'metadata.labels')) labels[key] = reader.string(value, `labels.${key}`) ?? '';
  const taints = reader.items(field(reader, item, 'spec', 'taints'), 'spec.taints').flatMap((taint) => {
    const key = reader.string(field(reader, taint, 'key'), 'taint key');
    const effect = reader.string(field(reader, taint, 'effect'), 'taint effect');
    const value = reader.string(field(reader, taint, 'value'), 'taint value');
    return key && effect ? [{ key, effect, ...(value ? { value } : {}) }] : [];
  });
  const allocatableNode = field(reader, item, 'status', 'allocatable');
  const readyCondition = reader.items(field(reader, item, 'status', 'conditions'), 'status.conditions').find((c) => reader.string(field(reader, c, 'type'), 'type') === 'Ready');
  const readyStatus = readyCondition ? reader.string(field(reader, readyCondition, 'status'), 'status') : undefined;
  return {
    name,
    labels: withDefaultLabels(name, labels),
    taints,
    unschedulable: reader.boolean(field(reader, item, 'spec', 'unschedulable'), 'spec.unschedulable') ?? false,
    allocatable: allocatableNode ? reader.resources(allocatableNode, 'status.allocatable') : undefined,
    requested: {},
    podCount: 0,
    hostPorts: [],
    ready: readyStatus === undefined ? undefined : readyStatus === 'True',
  };
}

function addPod(reader: ProfileReader, item: unknown, nodes: Map<string, NodeModel>): void {
  const nodeName = reader.string(field(reader, item, 'spec', 'nodeName'), 'spec.nodeName');
  const phase = reader.string(field(reader, item, 'status', 'phase'), 'status.phase');
  if (!nodeName || phase === 'Succeeded' || phase === 'Failed') return;
  const node = nodes.get(nodeName);
  if (!node) return; // bound to a node the list does not hold
  const spec = field(reader, item, 'spec');
  const pod = {
    containers: containers(reader, field(reader, spec, 'containers')),
    initContainers: containers(reader, field(reader, spec, 'initContainers')),
    overhead: reader.resources(field(reader, spec, 'overhead'), 'spec.overhead'),
    hostNetwork: reader.boolean(field(reader, spec, 'hostNetwork'), 'spec.hostNetwork') ?? false,
  };
  for (const [name, amount] of Object.entries(podRequests(pod))) node.requested[name] = (node.requested[name] ?? 0n) + amount;
  node.podCount++;
  node.hostPorts.push(...podHostPorts(pod).map(({ port, protocol, hostIP }) => ({ port, protocol, hostIP })));
}

/** Whether the file looks like kubectl output (a List or Node/Pod objects). */
export function isKubectlProfile(file: YamlFile): boolean {
  return file.documents.some((d) => d.kind !== undefined && (LIST_KINDS.has(d.kind) || d.kind === 'Node'));
}

/** A Node or Pod object of the capture, with the reader of the document it is in. */
export interface KubectlObject {
  reader: ProfileReader;
  kind: string | undefined;
  item: unknown;
}

/** The objects of one document: the items of a List, or the document itself when it is a Node or a Pod. */
export function kubectlObjects(reader: ProfileReader, kind: string | undefined): KubectlObject[] {
  if (kind && LIST_KINDS.has(kind)) {
    return reader.items(field(reader, reader.root, 'items'), 'items').map((item) => ({ reader, kind: reader.string(field(reader, item, 'kind'), 'kind') ?? LIST_ITEM_KINDS[kind], item }));
  }
  return kind === 'Node' || kind === 'Pod' ? [{ reader, kind, item: reader.root }] : [];
}

export function readKubectl(file: YamlFile, name: string): ProfileReadResult {
  return readKubectlObjects(
    file.documents.flatMap((document) => kubectlObjects(new Reader(file, document), document.kind)),
    name,
  );
}

/** The profile the Node objects make, loaded with the Pod objects bound to them. */
export function readKubectlObjects(objects: KubectlObject[], name: string): ProfileReadResult {
  const errors: ProfileError[] = [];
  const nodes = new Map<string, NodeModel>();
  for (const { reader, kind, item } of objects) {
    if (kind !== 'Node') continue;
    const node = readNode(reader, item);
    if (node && !nodes.has(node.name)) nodes.set(node.name, node);
  }
  for (const { reader, kind, item } of objects) if (kind === 'Pod') addPod(reader, item, nodes);
  for (const reader of new Set(objects.map((o) => o.reader))) errors.push(...reader.errors.splice(0));
  if (nodes.size === 0) errors.push({ line: 1, column: 1, message: 'the list holds no Node objects: capture it with kubectl get nodes -o yaml' });
  return { profile: { name, nodes: [...nodes.values()] }, errors: dedupe(errors), format: 'kubectl' };
}

function dedupe(errors: ProfileError[]): ProfileError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.line}:${e.column}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
