/**
 * Notes in our own words where DaemonSet behaviour matters and the upstream
 * field text does not say it. Keyed by the path pattern of the field, with list
 * indexes written as `[]`.
 */
import { dictionary } from '../../common/dictionary';

export const DAEMONSET_NOTES: Record<string, string> = dictionary({
  'spec.updateStrategy': [
    'A DaemonSet replaces its pods node by node.',
    '`RollingUpdate` (the default) replaces old pods automatically after a template change, at most `maxUnavailable` nodes at a time (default 1).',
    '`OnDelete` only creates the new pod on a node after you delete the old one yourself: use it when every node must be updated by hand or by another tool.',
  ].join(' '),
  'spec.updateStrategy.rollingUpdate.maxUnavailable': [
    'How many nodes may be without a ready daemon pod during an update: a number or a percentage of the nodes that should run the pod.',
    'A percentage is rounded up, so `10%` of 5 nodes is 1. Default `1`. It must not be 0 when `maxSurge` is 0.',
  ].join(' '),
  'spec.updateStrategy.rollingUpdate.maxSurge': [
    'How many nodes may run an old and a new pod side by side during an update (the new pod starts before the old one is stopped).',
    'A percentage is rounded up. Default `0`. When it is above 0, `maxUnavailable` must be 0; it does not work with host ports the old pod still holds.',
  ].join(' '),
  'spec.template.spec.tolerations': [
    'The DaemonSet controller adds tolerations to every daemon pod by itself:',
    '`node.kubernetes.io/not-ready` and `node.kubernetes.io/unreachable` with effect NoExecute (the pod is not evicted when the node fails),',
    '`node.kubernetes.io/disk-pressure`, `memory-pressure`, `pid-pressure` and `unschedulable` with effect NoSchedule,',
    'and `node.kubernetes.io/network-unavailable` NoSchedule when the pod uses `hostNetwork`.',
    'Any other taint, such as `node-role.kubernetes.io/control-plane:NoSchedule`, keeps daemon pods off the node unless you tolerate it here.',
  ].join(' '),
  'spec.template.spec.tolerations[].operator': 'With `Exists` and no key, the toleration matches every taint: the pod also runs on nodes being drained or that are NotReady. Node agents such as CNI plugins do that on purpose.',
  'spec.template.spec.nodeSelector': [
    'The DaemonSet controller only creates a pod on nodes whose labels contain every pair listed here.',
    'Nodes that do not match never get a pod (they are not Pending).',
  ].join(' '),
  'spec.template.spec.affinity.nodeAffinity': [
    '`requiredDuringSchedulingIgnoredDuringExecution` decides which nodes get a daemon pod, like nodeSelector: its terms are ORed, the expressions of a term ANDed.',
    '`preferredDuringSchedulingIgnoredDuringExecution` never decides anything for a DaemonSet: every eligible node gets its pod anyway.',
    '`matchFields` supports only the key `metadata.name`, with `In` or `NotIn` and exactly one value.',
  ].join(' '),
  'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[].matchFields': 'Only `metadata.name` is a valid key here, with operator `In` or `NotIn` and exactly one value (a node name). Node labels belong in `matchExpressions`.',
  'spec.template.spec.priorityClassName': [
    'Node agents usually use `system-node-critical` (the highest built-in priority): on a full node the scheduler can then preempt lower-priority pods to make room for the agent, and the kubelet evicts it last under pressure.',
    '`system-cluster-critical` is the next level. Any other name must be a PriorityClass that exists in the cluster, or the pod is rejected.',
  ].join(' '),
  'spec.template.spec.nodeName': 'Setting nodeName pins every daemon pod to that one node: the DaemonSet then runs at most one pod in the whole cluster. Leave it empty.',
  'spec.template.spec.hostNetwork': 'With hostNetwork every container port is also a host port on the node (hostPort defaults to containerPort), so two DaemonSets using the same port cannot run on the same node.',
  'spec.template.spec.restartPolicy': 'A DaemonSet template only accepts `Always`.',
  'spec.selector': 'Must match the labels of the pod template and cannot be changed after the DaemonSet is created.',
  'spec.minReadySeconds': 'During a rolling update a new pod counts as available only after it has been ready this long, which slows the rollout down on purpose.',
});

/** What a DaemonSet does not have, and why. */
export const MISSING_FIELD_NOTES: Record<string, string> = dictionary({
  'spec.replicas': 'A DaemonSet has no `replicas`: it runs exactly one pod on every eligible node, so the number of pods follows the number of nodes. Use `nodeSelector`, node affinity and tolerations to choose the nodes. The API server rejects this field.',
});

/** Normalises a path to the note keys' form: list indexes become `[]`. */
export function notePath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? '[]' : out ? `.${segment}` : segment;
  return out;
}
