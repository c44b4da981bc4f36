/**
 * Pod-level resources (spec.resources), as ValidatePodSpec checks them when
 * PodLevelResources is on (beta and on by default since 1.34):
 * validatePodResources, validatePodResourceRequirements (names via
 * validatePodResourceName: cpu, memory and hugepages only) and
 * validatePodResourceConsistency (pod requests at least the containers'
 * aggregate requests, pod hugepage limits at least their aggregate limits,
 * each container's limit at most the pod's).
 */
import type { ContainerNode, PodContext } from './podContext';
import { qualifiedNameProblem } from './names';
import type { Amounts } from './resourceRequirements';
import { checkRequestsAgainstLimits, checkResourceList } from './resourceRequirements';

export interface ContainerAmounts {
  requests: Amounts;
  limits: Amounts;
}

const CODE = 'invalid-resources';

/** validatePodResourceName: a qualified name that resourcehelper.IsSupportedPodLevelResource accepts. */
function podResourceNameProblem(name: string): string | undefined {
  return qualifiedNameProblem(name) ?? (name === 'cpu' || name === 'memory' || name.startsWith('hugepages-') ? undefined : 'is not supported at pod level: use cpu, memory or hugepages-<size>');
}

type Totals = Map<string, bigint>;

function add(into: Totals, amounts: Amounts): void {
  for (const [name, { amount }] of amounts) into.set(name, (into.get(name) ?? 0n) + amount);
}

function max(into: Totals, other: Totals): void {
  for (const [name, amount] of other) if (amount > (into.get(name) ?? -1n)) into.set(name, amount);
}

/**
 * resourcehelper.AggregateContainerRequests / AggregateContainerLimits: the
 * regular containers and sidecars add up; an init container that is not a
 * sidecar runs beside the sidecars started before it, and the pod needs the
 * larger of the two phases.
 */
function aggregate(p: PodContext, containers: Map<ContainerNode, ContainerAmounts>, which: keyof ContainerAmounts): Totals {
  const total: Totals = new Map();
  const sidecars: Totals = new Map();
  const initPhase: Totals = new Map();
  for (const [c, amounts] of containers) if (c.list === 'containers') add(total, amounts[which]);
  for (const [c, amounts] of containers) {
    if (c.list !== 'initContainers') continue;
    if (p.text(p.get(c.node, 'restartPolicy')) === 'Always') {
      add(total, amounts[which]);
      add(sidecars, amounts[which]);
      max(initPhase, sidecars);
    } else {
      const phase: Totals = new Map(sidecars);
      add(phase, amounts[which]);
      max(initPhase, phase);
    }
  }
  max(total, initPhase);
  return total;
}

/** Whether every container's resources are written out (a template action may add or change amounts). */
function containersKnown(p: PodContext, containers: Map<ContainerNode, ContainerAmounts>): boolean {
  if (!p.certain(p.podSpec, 'containers') || !p.certain(p.podSpec, 'initContainers')) return false;
  return [...containers.keys()].every((c) => p.certain(c.node, 'resources') && p.fullyKnown(p.get(c.node, 'resources')));
}

export function checkPodResources(p: PodContext, containers: Map<ContainerNode, ContainerAmounts>): void {
  const resources = p.get(p.podSpec, 'resources');
  if (resources === null) return;
  const key = p.keyOf(p.podSpec, 'resources');
  if (p.text(p.get(p.podSpec, 'os', 'name')) === 'windows') {
    p.report(CODE, 'error', 'spec.resources (pod-level resources) is not allowed in a windows pod: remove it and set resources on the containers', key);
    return;
  }
  if (p.get(resources, 'claims') !== null) p.report(CODE, 'error', 'claims are not allowed in pod-level resources: move them to the containers\' resources', p.keyOf(resources, 'claims'));
  const requests = checkResourceList(p, p.get(resources, 'requests'), 'pod resources.requests', podResourceNameProblem);
  const limits = checkResourceList(p, p.get(resources, 'limits'), 'pod resources.limits', podResourceNameProblem);
  checkRequestsAgainstLimits(p, requests, limits, 'pod resources: ', key);
  if (!containersKnown(p, containers)) return;
  const aggregateRequests = aggregate(p, containers, 'requests');
  for (const [name, request] of requests) {
    const needed = aggregateRequests.get(name);
    if (needed !== undefined && needed > request.amount) {
      p.report(CODE, 'error', `pod resources.requests.${name} ${request.text} is below the containers' aggregate ${name} requests (${formatMilli(needed)}): raise it to at least that`, request.node);
    }
  }
  const aggregateLimits = aggregate(p, containers, 'limits');
  for (const [name, limit] of limits) {
    const needed = aggregateLimits.get(name);
    if (name.startsWith('hugepages-') && needed !== undefined && needed > limit.amount) {
      p.report(CODE, 'error', `pod resources.limits.${name} ${limit.text} is below the containers' aggregate ${name} limits (${formatMilli(needed)}): hugepages cannot be overcommitted; raise it to at least that`, limit.node);
    }
  }
  // Only the regular containers' limits are compared one by one (validatePodResourceConsistency).
  for (const [c, amounts] of containers) {
    if (c.list !== 'containers') continue;
    for (const [name, limit] of amounts.limits) {
      const podLimit = limits.get(name);
      if (podLimit && limit.amount > podLimit.amount) p.report(CODE, 'error', `${name} limit ${limit.text} is above the pod-level ${name} limit ${podLimit.text}: lower it, or raise the pod's limit`, limit.node);
    }
  }
}

/** A milli-unit amount as a quantity a reader recognises (`1500m`, `2`, bytes as a plain number). */
function formatMilli(milli: bigint): string {
  return milli % 1000n === 0n ? `${milli / 1000n}` : `${milli}m`;
}
