/**
 * What a pod asks the scheduler for, computed as upstream does for the Pod the
 * DaemonSet controller creates:
 * - Pod defaulting (pkg/apis/core/v1 SetDefaults_Pod): a container's request
 *   defaults to its limit when only the limit is set; with hostNetwork, a
 *   container port's hostPort defaults to its containerPort.
 * - component-helpers resource.PodRequests: the sum over containers; init
 *   containers by the max rule, restartable (sidecar) init containers added to
 *   everything after them; pod-level requests override the aggregate for the
 *   resources they name; pod overhead added.
 */
import type { ContainerModel, DaemonSetModel, HostPort, ResourceAmounts } from './types';
import { dictionary } from '../common/dictionary';

function add(target: ResourceAmounts, source: ResourceAmounts): void {
  for (const [name, amount] of Object.entries(source)) target[name] = (target[name] ?? 0n) + amount;
}

function max(target: ResourceAmounts, source: ResourceAmounts): void {
  for (const [name, amount] of Object.entries(source)) if (target[name] === undefined || amount > target[name]) target[name] = amount;
}

/** A container's requests after defaulting from its limits. */
export function effectiveRequests(container: Pick<ContainerModel, 'requests' | 'limits'>): ResourceAmounts {
  const requests = dictionary(container.requests);
  for (const [name, limit] of Object.entries(container.limits)) if (requests[name] === undefined) requests[name] = limit;
  return requests;
}

/** Resources pod-level `spec.resources` may set (IsSupportedPodLevelResource). */
function podLevelSupported(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');
}

export interface PodShape {
  containers: Array<Pick<ContainerModel, 'requests' | 'limits'>>;
  initContainers: Array<Pick<ContainerModel, 'requests' | 'limits' | 'restartPolicy'>>;
  overhead?: ResourceAmounts;
  podResources?: { requests: ResourceAmounts; limits: ResourceAmounts };
}

/** The pod's total request per resource (zero amounts dropped). */
export function podRequests(pod: PodShape): ResourceAmounts {
  const total = dictionary<bigint>();
  for (const container of pod.containers) add(total, effectiveRequests(container));
  const sidecars = dictionary<bigint>();
  const initMax = dictionary<bigint>();
  for (const container of pod.initContainers) {
    const requests = effectiveRequests(container);
    if (container.restartPolicy === 'Always') {
      add(total, requests);
      add(sidecars, requests);
      max(initMax, sidecars);
    } else {
      const during = dictionary(requests);
      add(during, sidecars);
      max(initMax, during);
    }
  }
  max(total, initMax);
  if (pod.podResources) {
    for (const [name, amount] of Object.entries(effectiveRequests(pod.podResources))) if (podLevelSupported(name)) total[name] = amount;
  }
  if (pod.overhead) add(total, pod.overhead);
  for (const [name, amount] of Object.entries(total)) if (amount === 0n) delete total[name];
  return total;
}

/** The host ports the pod binds, after hostNetwork defaulting (hostPort = containerPort). */
export function podHostPorts(ds: Pick<DaemonSetModel, 'containers' | 'hostNetwork'>): Array<HostPort & { container: string; source?: ContainerModel['ports'][number]['source'] }> {
  const ports: Array<HostPort & { container: string; source?: ContainerModel['ports'][number]['source'] }> = [];
  // The scheduler's NodePorts plugin reads only spec.containers (getContainerPorts).
  for (const container of ds.containers) {
    for (const port of container.ports) {
      const hostPort = port.hostPort ?? (ds.hostNetwork ? port.containerPort : undefined);
      if (!hostPort || hostPort <= 0) continue;
      ports.push({ port: hostPort, protocol: port.protocol || 'TCP', hostIP: port.hostIP || '0.0.0.0', container: container.name, source: port.source });
    }
  }
  return ports;
}
