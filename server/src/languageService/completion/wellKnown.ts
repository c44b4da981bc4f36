/**
 * Well-known node label keys and taint keys users put in nodeSelector,
 * affinity expressions and tolerations, with our own one-line descriptions.
 */
import { dictionary } from '../../common/dictionary';

export const WELL_KNOWN_LABELS: Record<string, { description: string; values?: string[] }> = dictionary({
  'kubernetes.io/os': { description: 'Operating system of the node, set by the kubelet.', values: ['linux', 'windows'] },
  'kubernetes.io/arch': { description: 'CPU architecture of the node, set by the kubelet.', values: ['amd64', 'arm64', 'arm', 'ppc64le', 's390x'] },
  'kubernetes.io/hostname': { description: 'The node\'s host name, set by the kubelet.' },
  'topology.kubernetes.io/zone': { description: 'Availability zone of the node, set by the cloud provider.' },
  'topology.kubernetes.io/region': { description: 'Region of the node, set by the cloud provider.' },
  'node.kubernetes.io/instance-type': { description: 'Machine type of the node, set by the cloud provider.' },
  'node-role.kubernetes.io/control-plane': { description: 'Marks control-plane nodes (kubeadm sets it with an empty value).' },
  'node.kubernetes.io/windows-build': { description: 'Windows build number of a Windows node.' },
  'kubernetes.io/role': { description: 'Legacy role label some installers set.' },
});

export const WELL_KNOWN_TAINTS: Record<string, { description: string; effect?: string }> = dictionary({
  'node.kubernetes.io/not-ready': { description: 'The node is not ready (Ready condition False). Carried with NoSchedule and, after a grace period, NoExecute.', effect: 'NoExecute' },
  'node.kubernetes.io/unreachable': { description: 'The node controller cannot reach the node (Ready condition Unknown).', effect: 'NoExecute' },
  'node.kubernetes.io/disk-pressure': { description: 'The node is short of disk space.', effect: 'NoSchedule' },
  'node.kubernetes.io/memory-pressure': { description: 'The node is short of memory.', effect: 'NoSchedule' },
  'node.kubernetes.io/pid-pressure': { description: 'The node is short of process IDs.', effect: 'NoSchedule' },
  'node.kubernetes.io/network-unavailable': { description: 'The node\'s network is not configured yet (a CNI agent has not started).', effect: 'NoSchedule' },
  'node.kubernetes.io/unschedulable': { description: 'The node is cordoned.', effect: 'NoSchedule' },
  'node.kubernetes.io/out-of-service': { description: 'The node was marked out of service for non-graceful shutdown.', effect: 'NoExecute' },
  'node-role.kubernetes.io/control-plane': { description: 'Keeps ordinary pods off control-plane nodes.', effect: 'NoSchedule' },
  'node.cloudprovider.kubernetes.io/uninitialized': { description: 'The cloud controller manager has not initialised the node yet.', effect: 'NoSchedule' },
  'nvidia.com/gpu': { description: 'A common taint on GPU nodes (set by operators or installers).', effect: 'NoSchedule' },
});

export const BUILT_IN_PRIORITY_CLASSES: Record<string, string> = dictionary({
  'system-node-critical': 'Highest built-in priority (2000001000): for agents a node cannot work without.',
  'system-cluster-critical': 'Built-in priority 2000000000: for add-ons the cluster needs.',
});
