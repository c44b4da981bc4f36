/**
 * Turns a `kind: DaemonSet` YAML document into the placement engine's plain
 * DaemonSetModel, keeping file offsets of the parts that can block placement
 * (nodeSelector keys, affinity terms, tolerations, nodeName, requests, ports).
 * Values are read leniently: the diagnostics report what is malformed; here a
 * malformed part is simply left out.
 */
import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar } from 'yaml';
import { effectivePairs, getIn, getPair, resolveNode, scalarQuantity, seqItems } from '../diagnostics/yamlAst';
import type { ContainerModel, DaemonSetModel, NodeSelectorTerm, ResourceAmounts, SelectorRequirement, SourceRange, Toleration } from '../../placement/types';
import type { YamlDocument } from '../yamlModel';
import { keyName, writtenString } from '../yamlModel';
import { dictionary } from '../../common/dictionary';

type Doc = YamlDocument['doc'];

function range(document: YamlDocument, node: unknown): SourceRange | undefined {
  const r = (node as YamlNode | null | undefined)?.range;
  return r ? { start: document.start + r[0], end: document.start + r[1] } : undefined;
}

/** The key-and-value range of a pair (e.g. the whole `nodeSelector:` block). */
function pairRange(document: YamlDocument, map: unknown, key: string): SourceRange | undefined {
  const pair = getPair(document.doc, map, key);
  if (!pair) return undefined;
  const start = range(document, pair.key)?.start;
  const end = range(document, pair.value)?.end ?? range(document, pair.key)?.end;
  return start !== undefined && end !== undefined ? { start, end } : undefined;
}

/** Strings as resolved, numbers and booleans as written (a nodeSelector `zone: 1e3` is an error the diagnostics report; placement reads it as quoting would). */
const str = writtenString;

function num(node: unknown): number | undefined {
  if (!isScalar(node)) return undefined;
  return typeof node.value === 'number' ? node.value : undefined;
}

function stringMap(doc: Doc, node: unknown): Record<string, string> {
  const out = dictionary<string>();
  const map = resolveNode(doc, node);
  if (!isMap(map)) return out;
  for (const pair of effectivePairs(doc, map)) {
    const key = keyName(pair);
    const value = str(resolveNode(doc, pair.value));
    if (key !== undefined) out[key] = value ?? '';
  }
  return out;
}

/** Resource amounts: cpu in millicores, the rest in whole units (rounded up, as upstream). */
export function resourceAmounts(doc: Doc, node: unknown): ResourceAmounts {
  const out = dictionary<bigint>();
  const map = resolveNode(doc, node);
  if (!isMap(map)) return out;
  for (const pair of effectivePairs(doc, map)) {
    const name = keyName(pair);
    const quantity = name ? scalarQuantity(resolveNode(doc, pair.value)) : undefined;
    if (name && quantity) out[name] = name === 'cpu' ? quantity.milli : quantity.value;
  }
  return out;
}

function requirements(doc: Doc, node: unknown): SelectorRequirement[] {
  return seqItems(doc, node).flatMap((item) => {
    const key = str(getIn(doc, item, 'key'));
    const operator = str(getIn(doc, item, 'operator'));
    if (key === undefined || operator === undefined) return [];
    const values = seqItems(doc, getIn(doc, item, 'values')).map(str).filter((v): v is string => v !== undefined);
    return [{ key, operator, values }];
  });
}

function term(document: YamlDocument, node: unknown): NodeSelectorTerm {
  const doc = document.doc;
  return { matchExpressions: requirements(doc, getIn(doc, node, 'matchExpressions')), matchFields: requirements(doc, getIn(doc, node, 'matchFields')), source: range(document, node) };
}

function container(document: YamlDocument, node: unknown): ContainerModel {
  const doc = document.doc;
  const resources = getIn(doc, node, 'resources');
  return {
    name: str(getIn(doc, node, 'name')) ?? '',
    requests: resourceAmounts(doc, getIn(doc, resources, 'requests')),
    limits: resourceAmounts(doc, getIn(doc, resources, 'limits')),
    restartPolicy: str(getIn(doc, node, 'restartPolicy')),
    ports: seqItems(doc, getIn(doc, node, 'ports')).flatMap((port) => {
      const containerPort = num(getIn(doc, port, 'containerPort'));
      if (containerPort === undefined) return [];
      return [{ containerPort, hostPort: num(getIn(doc, port, 'hostPort')), protocol: str(getIn(doc, port, 'protocol')), hostIP: str(getIn(doc, port, 'hostIP')), source: range(document, port) }];
    }),
    source: { resources: pairRange(document, node, 'resources'), container: range(document, node) },
  };
}

function toleration(doc: Doc, node: unknown): Toleration {
  return {
    key: str(getIn(doc, node, 'key')),
    operator: str(getIn(doc, node, 'operator')),
    value: str(getIn(doc, node, 'value')),
    effect: str(getIn(doc, node, 'effect')),
    tolerationSeconds: num(getIn(doc, node, 'tolerationSeconds')),
  };
}

/** The plain DaemonSet of a document, or undefined when it is not a DaemonSet. */
export function daemonSetFromYaml(document: YamlDocument): DaemonSetModel | undefined {
  if (document.kind !== 'DaemonSet') return undefined;
  const doc = document.doc;
  const root = doc.contents;
  const podSpec = getIn(doc, root, 'spec', 'template', 'spec');
  const nodeAffinity = getIn(doc, podSpec, 'affinity', 'nodeAffinity');
  const required = getIn(doc, nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution');
  const nodeSelectorNode = getIn(doc, podSpec, 'nodeSelector');
  const nodeSelectorKeys = dictionary<SourceRange>();
  if (isMap(nodeSelectorNode)) {
    for (const pair of nodeSelectorNode.items) {
      const key = keyName(pair);
      const start = range(document, pair.key)?.start;
      const end = range(document, pair.value)?.end ?? range(document, pair.key)?.end;
      if (key !== undefined && start !== undefined && end !== undefined) nodeSelectorKeys[key] = { start, end };
    }
  }
  const tolerationsNode = getIn(doc, podSpec, 'tolerations');
  const podResources = getIn(doc, podSpec, 'resources');
  return {
    name: str(getIn(doc, root, 'metadata', 'name')) ?? '',
    namespace: str(getIn(doc, root, 'metadata', 'namespace')) || 'default',
    nodeSelector: stringMap(doc, nodeSelectorNode),
    requiredTerms: required ? seqItems(doc, getIn(doc, required, 'nodeSelectorTerms')).map((t) => term(document, t)) : undefined,
    preferredTerms: seqItems(doc, getIn(doc, nodeAffinity, 'preferredDuringSchedulingIgnoredDuringExecution')).map((item) => ({
      weight: num(getIn(doc, item, 'weight')) ?? 0,
      preference: term(document, getIn(doc, item, 'preference')),
    })),
    nodeName: str(getIn(doc, podSpec, 'nodeName')) || undefined,
    tolerations: seqItems(doc, tolerationsNode).map((t) => toleration(doc, t)),
    hostNetwork: isScalar(getIn(doc, podSpec, 'hostNetwork')) && (getIn(doc, podSpec, 'hostNetwork') as { value: unknown }).value === true,
    containers: seqItems(doc, getIn(doc, podSpec, 'containers')).map((c) => container(document, c)),
    initContainers: seqItems(doc, getIn(doc, podSpec, 'initContainers')).map((c) => container(document, c)),
    overhead: resourceAmounts(doc, getIn(doc, podSpec, 'overhead')),
    podResources: podResources ? { requests: resourceAmounts(doc, getIn(doc, podResources, 'requests')), limits: resourceAmounts(doc, getIn(doc, podResources, 'limits')) } : undefined,
    priorityClassName: str(getIn(doc, podSpec, 'priorityClassName')) || undefined,
    updateStrategy: {
      type: str(getIn(doc, root, 'spec', 'updateStrategy', 'type')),
      maxUnavailable: num(getIn(doc, root, 'spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable')) ?? str(getIn(doc, root, 'spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable')),
      maxSurge: num(getIn(doc, root, 'spec', 'updateStrategy', 'rollingUpdate', 'maxSurge')) ?? str(getIn(doc, root, 'spec', 'updateStrategy', 'rollingUpdate', 'maxSurge')),
    },
    sources: {
      document: range(document, root),
      nodeSelector: pairRange(document, podSpec, 'nodeSelector'),
      nodeSelectorKeys,
      affinity: pairRange(document, podSpec, 'affinity'),
      nodeName: pairRange(document, podSpec, 'nodeName'),
      tolerations: pairRange(document, podSpec, 'tolerations'),
      podSpec: range(document, podSpec),
    },
  };
}

