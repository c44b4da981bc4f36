/**
 * Pod and container rules of the API server (pkg/apis/core/validation
 * ValidatePodSpec, validateContainers, validateVolumes, validateVolumeMounts,
 * validateContainerPorts, AccumulateUniqueHostPorts, ValidateResourceRequirements).
 * Probes and hooks: handlerRules.ts.
 */
import { isMap } from 'yaml';
import type { DocumentRule } from '../types';
import { dns1123LabelProblem, portNameProblem } from './names';
import type { ContainerNode } from './podContext';
import { PodContext } from './podContext';
import { podClaimNames } from './podSpecRules';
import type { ContainerAmounts } from './podResourceRules';
import { checkPodResources } from './podResourceRules';
import { containerResourceNameProblem } from './resourceChecks';
import { checkRequestsAgainstLimits, checkResourceList, hugePagesNeedCpuOrMemory } from './resourceRequirements';


function checkNames(p: PodContext, containers: readonly ContainerNode[]): void {
  const seen = new Map<string, unknown[]>();
  for (const { node } of containers) {
    const nameNode = p.get(node, 'name');
    const name = p.text(nameNode);
    if (name === undefined || name === '') continue;
    const problem = dns1123LabelProblem(name);
    if (problem) p.report('invalid-name', 'error', `container name "${name}" ${problem}`, nameNode);
    if (twice(p, seen, name, node)) p.report('duplicate-name', 'error', `duplicate container name "${name}" (names are unique across containers and init containers): rename one of them`, nameNode);
  }
}

/**
 * Records a name seen on a node; true when it was seen before on a node that
 * renders together with this one (not in another branch of a template's if/else).
 */
function twice(p: PodContext, seen: Map<string, unknown[]>, name: string, node: unknown): boolean {
  const before = seen.get(name) ?? [];
  seen.set(name, [...before, node]);
  return before.some((other) => !p.exclusive(other, node));
}

/** Names and uniqueness of the volumes; returns their names, undefined when a template may add volumes or write their names. */
function checkVolumes(p: PodContext): Set<string> | undefined {
  const seen = new Map<string, unknown[]>();
  for (const volume of p.items(p.get(p.podSpec, 'volumes'))) {
    const nameNode = p.get(volume, 'name');
    const name = p.text(nameNode);
    if (name === undefined) continue;
    const problem = dns1123LabelProblem(name);
    if (problem) p.report('invalid-name', 'error', `volume name "${name}" ${problem}`, nameNode);
    if (twice(p, seen, name, volume)) p.report('duplicate-name', 'error', `duplicate volume name "${name}": rename one of them`, nameNode);
  }
  const volumes = p.volumes();
  return volumes && new Set(volumes.keys());
}

function checkMounts(p: PodContext, { node }: ContainerNode, volumes: Set<string> | undefined): void {
  const paths = new Set<string>();
  for (const mount of p.items(p.get(node, 'volumeMounts'))) {
    const nameNode = p.get(mount, 'name');
    const name = p.text(nameNode);
    if (name !== undefined && volumes && !volumes.has(name)) p.report('unknown-volume', 'error', `volumeMounts name "${name}" is not one of the pod's volumes${volumes.size ? ` (${[...volumes].join(', ')})` : ''}: add a volume of that name to spec.template.spec.volumes, or correct the name`, nameNode);
    const pathNode = p.get(mount, 'mountPath');
    const path = p.text(pathNode);
    if (path !== undefined && path !== '') {
      if (paths.has(path) && p.fullyKnown(mount)) p.report('duplicate-mount-path', 'error', `mountPath "${path}" is mounted twice in the container: give each mount its own path`, pathNode);
      paths.add(path);
    }
  }
}

/** `hostPorts`: the host ports taken so far, each with whether a hostPort was written for it (else hostNetwork made its containerPort one). */
function checkPorts(p: PodContext, { node, list }: ContainerNode, hostNetwork: boolean, hostPorts: Map<string, boolean>): void {
  const names = new Set<string>();
  for (const port of p.items(p.get(node, 'ports'))) {
    const containerPortNode = p.get(port, 'containerPort');
    const containerPort = p.number(containerPortNode);
    if (containerPort !== undefined && (containerPort < 1 || containerPort > 65535)) p.report('invalid-port', 'error', `containerPort ${containerPort} is out of range: use 1 to 65535`, containerPortNode);
    const hostPortNode = p.get(port, 'hostPort');
    const hostPort = p.number(hostPortNode);
    if (hostPort !== undefined && hostPort !== 0 && (hostPort < 1 || hostPort > 65535)) p.report('invalid-port', 'error', `hostPort ${hostPort} is out of range: use 1 to 65535`, hostPortNode);
    if (hostNetwork && hostPort !== undefined && hostPort !== 0 && containerPort !== undefined && hostPort !== containerPort) {
      p.report('invalid-port', 'error', 'hostPort must match containerPort when hostNetwork is true: make them the same, or remove hostPort', hostPortNode);
    }
    const nameNode = p.get(port, 'name');
    const name = p.text(nameNode);
    if (name !== undefined && name !== '') {
      const problem = portNameProblem(name);
      if (problem) p.report('invalid-port', 'error', `port name "${name}" ${problem}`, nameNode);
      if (names.has(name)) p.report('invalid-port', 'error', `duplicate port name "${name}" in the container: rename one of them`, nameNode);
      names.add(name);
    }
    // AccumulateUniqueHostPorts: (hostPort, protocol, hostIP) unique across the pod's containers. A template's
    // hostPort 0 is skipped there: only a pod gets its hostNetwork containerPorts as host ports (SetDefaults_Pod),
    // so such a clash applies and its pods are refused: a warning, not an error
    const effectiveHostPort = hostPort || (hostNetwork ? containerPort : undefined);
    if (list !== 'ephemeralContainers' && effectiveHostPort) {
      const key = `${effectiveHostPort}/${p.text(p.get(port, 'protocol')) || 'TCP'}/${p.text(p.get(port, 'hostIP')) || ''}`;
      const written = !!hostPort;
      const earlier = hostPorts.get(key);
      const shown = key.split('/').slice(0, 2).join('/');
      if (earlier !== undefined && earlier && written) p.report('duplicate-host-port', 'error', `host port ${shown} is used twice in the pod: give one of them another port`, hostPortNode ?? containerPortNode);
      else if (earlier !== undefined) p.report('duplicate-host-port', 'warning', `host port ${shown} is used twice once hostNetwork makes each containerPort a host port: the DaemonSet applies, but the API server refuses its pods: give one of them another port`, hostPortNode ?? containerPortNode);
      hostPorts.set(key, earlier === true || written);
    }
  }
}

/** ValidateContainerResourceRequirements and validateResourceClaimNames; returns the amounts for the pod-level checks. */
function checkResources(p: PodContext, { node }: ContainerNode, claims: Set<string>): ContainerAmounts {
  const resources = p.get(node, 'resources');
  const requests = checkResourceList(p, p.get(resources, 'requests'), 'requests', containerResourceNameProblem);
  const limits = checkResourceList(p, p.get(resources, 'limits'), 'limits', containerResourceNameProblem);
  checkRequestsAgainstLimits(p, requests, limits, '', p.keyOf(node, 'resources'));
  const seen = new Set<string>();
  for (const claim of p.items(p.get(resources, 'claims'))) {
    const nameNode = p.get(claim, 'name');
    const name = p.text(nameNode) ?? '';
    if (name === '') continue; // the schema rule's
    if (seen.has(name)) p.report('invalid-resources', 'error', `resources.claims "${name}" is listed twice: remove one`, nameNode);
    else if (!claims.has(name)) p.report('invalid-resources', 'error', `resources.claims "${name}" is not a name in spec.resourceClaims${claims.size ? ` (${[...claims].join(', ')})` : ', which is empty'}: add the claim there, or correct the name`, nameNode);
    seen.add(name);
  }
  return { requests, limits };
}

/** validateOverhead: the overhead is checked as the limits of a container (names, amounts, hugepages with cpu or memory). */
function checkOverhead(p: PodContext): void {
  const overhead = p.get(p.podSpec, 'overhead');
  const limits = checkResourceList(p, overhead, 'overhead', containerResourceNameProblem);
  hugePagesNeedCpuOrMemory(p, [...limits.keys()], 'overhead: ', p.keyOf(p.podSpec, 'overhead'));
}

export const containerRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: 'invalid-name', defaultSeverity: 'error', description: 'A container or volume name that is not a DNS-1123 label.' },
    { code: 'duplicate-name', wholeObject: true, defaultSeverity: 'error', description: 'Two containers (init containers included) or two volumes with the same name.' },
    { code: 'unknown-volume', wholeObject: true, defaultSeverity: 'error', description: 'A volumeMount naming a volume the pod does not have.' },
    { code: 'duplicate-mount-path', wholeObject: true, defaultSeverity: 'error', description: 'Two volumeMounts of a container at the same mountPath.' },
    { code: 'invalid-port', defaultSeverity: 'error', description: 'Ports out of range, bad or duplicate port names, hostPort differing from containerPort with hostNetwork.' },
    { code: 'duplicate-host-port', wholeObject: true, defaultSeverity: 'error', description: 'The same host port and protocol used twice among the regular containers, or twice in one init container (a warning when hostNetwork makes the containerPorts host ports: the template applies, its pods are refused).' },
    { code: 'invalid-resources', wholeObject: true, defaultSeverity: 'error', description: 'Requests above limits, negative quantities, extended resources or hugepages with requests different from limits, resource names that are neither standard nor domain-prefixed, fractional extended resources, hugepages not a multiple of the page size or without cpu/memory, resources.claims not naming a pod resource claim; the same for the pod overhead and the pod-level resources (cpu, memory and hugepages only, not below the containers\' requests, no claims, not in a windows pod).' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    if (!isMap(p.podSpec)) return;
    const containers = p.containers();
    checkNames(p, containers);
    const volumes = checkVolumes(p);
    const hostNetwork = p.bool(p.get(p.podSpec, 'hostNetwork')) === true;
    const hostPorts = new Map<string, boolean>();
    const claims = podClaimNames(p);
    checkOverhead(p);
    const amounts = new Map<ContainerNode, ContainerAmounts>();
    for (const container of containers) {
      checkMounts(p, container, volumes);
      // checkHostPortConflicts: across the regular containers, and within each init container alone
      // (init containers run one by one, each before the regular ones start).
      checkPorts(p, container, hostNetwork, container.list === 'initContainers' ? new Map<string, boolean>() : hostPorts);
      amounts.set(container, checkResources(p, container, claims));
    }
    checkPodResources(p, amounts);
  },
};
