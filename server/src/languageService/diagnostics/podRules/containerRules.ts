/**
 * Pod and container rules of the API server (pkg/apis/core/validation
 * ValidatePodSpec, validateContainers, validateVolumes, validateVolumeMounts,
 * validateContainerPorts, AccumulateUniqueHostPorts, ValidateResourceRequirements).
 * Probes and hooks: handlerRules.ts.
 */
import { isMap } from 'yaml';
import { shortQuantityText } from '../../../placement/quantity';
import { resolveNode, scalarQuantity } from '../yamlAst';
import type { DocumentRule } from '../types';
import { dns1123LabelProblem, portNameProblem } from './names';
import type { ContainerNode } from './podContext';
import { PodContext } from './podContext';
import { podClaimNames } from './podSpecRules';
import { containerResourceNameProblem, hugePageProblem, integerProblem, isExtendedResourceName } from './resourceChecks';


function checkNames(p: PodContext, containers: ContainerNode[]): void {
  const seen = new Map<string, unknown[]>();
  for (const { node } of containers) {
    const nameNode = p.get(node, 'name');
    const name = p.text(nameNode);
    if (name === undefined || name === '') continue;
    const problem = dns1123LabelProblem(name);
    if (problem) p.report('invalid-name', 'error', `container name "${name}" ${problem}`, nameNode);
    if (twice(p, seen, name, node)) p.report('duplicate-name', 'error', `duplicate container name "${name}" (names are unique across containers and init containers)`, nameNode);
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

/** The pod's volume names; undefined when a template may add volumes or write their names. */
function checkVolumes(p: PodContext): Set<string> | undefined {
  const names = new Set<string>();
  const seen = new Map<string, unknown[]>();
  let complete = p.certain(p.podSpec, 'volumes');
  for (const volume of p.items(p.get(p.podSpec, 'volumes'))) {
    const nameNode = p.get(volume, 'name');
    const name = p.text(nameNode);
    if (name === undefined) {
      complete &&= nameNode === null;
      continue;
    }
    const problem = dns1123LabelProblem(name);
    if (problem) p.report('invalid-name', 'error', `volume name "${name}" ${problem}`, nameNode);
    if (twice(p, seen, name, volume)) p.report('duplicate-name', 'error', `duplicate volume name "${name}": rename one of them`, nameNode);
    names.add(name);
  }
  return complete ? names : undefined;
}

function checkMounts(p: PodContext, { node }: ContainerNode, volumes: Set<string> | undefined): void {
  const paths = new Set<string>();
  for (const mount of p.items(p.get(node, 'volumeMounts'))) {
    const nameNode = p.get(mount, 'name');
    const name = p.text(nameNode);
    if (name !== undefined && volumes && !volumes.has(name)) p.report('unknown-volume', 'error', `volumeMounts name "${name}" not found among the pod's volumes${volumes.size ? ` (${[...volumes].join(', ')})` : ''}`, nameNode);
    const pathNode = p.get(mount, 'mountPath');
    const path = p.text(pathNode);
    if (path !== undefined && path !== '') {
      if (paths.has(path) && p.fullyKnown(mount)) p.report('duplicate-mount-path', 'error', `mountPath "${path}" must be unique within the container`, pathNode);
      paths.add(path);
    }
  }
}

interface HostPortUse {
  key: string;
}

function checkPorts(p: PodContext, { node, list }: ContainerNode, hostNetwork: boolean, hostPorts: Set<string>): void {
  const names = new Set<string>();
  for (const port of p.items(p.get(node, 'ports'))) {
    const containerPortNode = p.get(port, 'containerPort');
    const containerPort = p.number(containerPortNode);
    if (containerPort !== undefined && (containerPort < 1 || containerPort > 65535)) p.report('invalid-port', 'error', `containerPort ${containerPort} must be between 1 and 65535, inclusive`, containerPortNode);
    const hostPortNode = p.get(port, 'hostPort');
    const hostPort = p.number(hostPortNode);
    if (hostPort !== undefined && hostPort !== 0 && (hostPort < 1 || hostPort > 65535)) p.report('invalid-port', 'error', `hostPort ${hostPort} must be between 1 and 65535, inclusive`, hostPortNode);
    if (hostNetwork && hostPort !== undefined && hostPort !== 0 && containerPort !== undefined && hostPort !== containerPort) {
      p.report('invalid-port', 'error', 'hostPort must match containerPort when hostNetwork is true', hostPortNode);
    }
    const nameNode = p.get(port, 'name');
    const name = p.text(nameNode);
    if (name !== undefined && name !== '') {
      const problem = portNameProblem(name);
      if (problem) p.report('invalid-port', 'error', `port name "${name}" ${problem}`, nameNode);
      if (names.has(name)) p.report('invalid-port', 'error', `duplicate port name "${name}" in the container: rename one of them`, nameNode);
      names.add(name);
    }
    // AccumulateUniqueHostPorts: (hostPort, protocol, hostIP) unique across the pod's containers
    const effectiveHostPort = hostPort || (hostNetwork ? containerPort : undefined);
    if (list !== 'ephemeralContainers' && effectiveHostPort) {
      const use: HostPortUse = { key: `${effectiveHostPort}/${p.text(p.get(port, 'protocol')) || 'TCP'}/${p.text(p.get(port, 'hostIP')) || ''}` };
      if (hostPorts.has(use.key)) p.report('duplicate-host-port', 'error', `host port ${use.key.split('/').slice(0, 2).join('/')} is used twice in the pod: give one of them another port`, hostPortNode ?? containerPortNode);
      hostPorts.add(use.key);
    }
  }
}

function checkResources(p: PodContext, { node }: ContainerNode, claims: Set<string>): void {
  const resources = p.get(node, 'resources');
  const amounts = (section: string) => {
    const out = new Map<string, { amount: bigint; node: unknown; text: string }>();
    for (const e of p.entries(p.get(resources, section))) {
      const nameProblem = containerResourceNameProblem(e.key);
      if (nameProblem) p.report('invalid-resources', 'error', `${section}.${e.key}: ${nameProblem}`, e.keyNode);
      // parsed once per node (a huge quantity is not parsed again by each rule)
      const quantity = scalarQuantity(resolveNode(p.doc, e.value));
      if (!quantity) continue; // reported by the schema rule
      if (quantity.milli < 0n) p.report('invalid-resources', 'error', `${section}.${e.key} must be greater than or equal to 0`, e.value);
      const amountProblem = integerProblem(e.key, quantity.milli) ?? (e.key.startsWith('hugepages-') ? hugePageProblem(e.key, quantity.text) : undefined);
      if (amountProblem) p.report('invalid-resources', 'error', `${section}.${e.key} ${amountProblem}`, e.value);
      out.set(e.key, { amount: quantity.milli, node: e.value, text: shortQuantityText(quantity.text) });
    }
    return out;
  };
  const requests = amounts('requests');
  const limits = amounts('limits');
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    const overcommit = !isExtendedResourceName(name) && !name.startsWith('hugepages-');
    if (limit && request.amount > limit.amount && overcommit) p.report('invalid-resources', 'error', `${name} request ${request.text} must be less than or equal to the ${name} limit ${limit.text}`, request.node);
    if (!overcommit) {
      if (!limit) p.report('invalid-resources', 'error', `${name}: a limit must be set for a resource that cannot be overcommitted`, request.node);
      else if (limit.amount !== request.amount) p.report('invalid-resources', 'error', `${name} request must be equal to its limit ${limit.text} (it cannot be overcommitted)`, request.node);
    }
  }
  const names = [...requests.keys(), ...limits.keys()];
  if (names.some((n) => n.startsWith('hugepages-')) && !names.some((n) => n === 'cpu' || n === 'memory')) {
    p.report('invalid-resources', 'error', 'hugepages require a cpu or memory request or limit in the same container', p.keyOf(node, 'resources'));
  }
  const seen = new Set<string>();
  for (const claim of p.items(p.get(resources, 'claims'))) {
    const nameNode = p.get(claim, 'name');
    const name = p.text(nameNode) ?? '';
    if (name === '') continue; // the schema rule's
    if (seen.has(name)) p.report('invalid-resources', 'error', `resources.claims "${name}" is listed twice`, nameNode);
    else if (!claims.has(name)) p.report('invalid-resources', 'error', `resources.claims "${name}" must be one of the names in spec.resourceClaims${claims.size ? ` (${[...claims].join(', ')})` : ', which is empty'}`, nameNode);
    seen.add(name);
  }
}

/** validateOverhead: the pod overhead is checked like container limits. */
function checkOverhead(p: PodContext): void {
  for (const e of p.entries(p.get(p.podSpec, 'overhead'))) {
    const problem = containerResourceNameProblem(e.key);
    if (problem) p.report('invalid-resources', 'error', `overhead.${e.key}: ${problem}`, e.keyNode);
  }
}

export const containerRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: 'invalid-name', defaultSeverity: 'error', description: 'A container or volume name that is not a DNS-1123 label.' },
    { code: 'duplicate-name', wholeObject: true, defaultSeverity: 'error', description: 'Two containers (init containers included) or two volumes with the same name.' },
    { code: 'unknown-volume', wholeObject: true, defaultSeverity: 'error', description: 'A volumeMount naming a volume the pod does not have.' },
    { code: 'duplicate-mount-path', wholeObject: true, defaultSeverity: 'error', description: 'Two volumeMounts of a container at the same mountPath.' },
    { code: 'invalid-port', defaultSeverity: 'error', description: 'Ports out of range, bad or duplicate port names, hostPort differing from containerPort with hostNetwork.' },
    { code: 'duplicate-host-port', wholeObject: true, defaultSeverity: 'error', description: 'The same host port and protocol used twice in the pod.' },
    { code: 'invalid-resources', wholeObject: true, defaultSeverity: 'error', description: 'Requests above limits, negative quantities, extended resources or hugepages with requests different from limits, resource names that are neither standard nor domain-prefixed, fractional extended resources, hugepages not a multiple of the page size or without cpu/memory, resources.claims not naming a pod resource claim.' },
  ],
  check(ctx) {
    const p = new PodContext(ctx);
    if (!isMap(p.podSpec)) return;
    const containers = p.containers();
    checkNames(p, containers);
    const volumes = checkVolumes(p);
    const hostNetwork = p.bool(p.get(p.podSpec, 'hostNetwork')) === true;
    const hostPorts = new Set<string>();
    const claims = podClaimNames(p);
    checkOverhead(p);
    for (const container of containers) {
      checkMounts(p, container, volumes);
      checkPorts(p, container, hostNetwork, hostPorts);
      checkResources(p, container, claims);
    }
  },
};
