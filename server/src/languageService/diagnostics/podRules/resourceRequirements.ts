/**
 * validateResourceRequirements as the API server runs it on three resource
 * lists: a container's resources (ValidateContainerResourceRequirements), the
 * pod-level resources (validatePodResourceRequirements) and the pod overhead
 * (validateOverhead: limits only). One function serves the three; only the
 * resource-name check differs.
 */
import { shortQuantityText } from '../../../placement/quantity';
import { resolveNode, scalarQuantity } from '../yamlAst';
import type { PodContext } from './podContext';
import { hugePageProblem, integerProblem, isExtendedResourceName } from './resourceChecks';

export interface Amount {
  /** Milli-units, as resource.Quantity compares them. */
  amount: bigint;
  node: unknown;
  text: string;
}
export type Amounts = Map<string, Amount>;

const CODE = 'invalid-resources';

/** helper.IsOvercommitAllowed: native resources but hugepages; extended resources are not. */
export function isOvercommitAllowed(name: string): boolean {
  return !isExtendedResourceName(name) && !name.startsWith('hugepages-');
}

/** One resource list (`requests`, `limits`, `overhead`): names, amounts; returns the parsed amounts. */
export function checkResourceList(p: PodContext, list: unknown, where: string, nameProblem: (name: string) => string | undefined): Amounts {
  const out: Amounts = new Map();
  for (const e of p.entries(list)) {
    const problem = nameProblem(e.key);
    if (problem) p.report(CODE, 'error', `${where}.${e.key}: ${problem}`, e.keyNode);
    // parsed once per node (a huge quantity is not parsed again by each rule)
    const quantity = scalarQuantity(resolveNode(p.doc, e.value));
    if (!quantity) continue; // reported by the schema rule
    if (quantity.milli < 0n) p.report(CODE, 'error', `${where}.${e.key} is negative: use 0 or more`, e.value);
    const amountProblem = integerProblem(e.key, quantity.milli) ?? (e.key.startsWith('hugepages-') ? hugePageProblem(e.key, quantity.text) : undefined);
    if (amountProblem) p.report(CODE, 'error', `${where}.${e.key} ${amountProblem}`, e.value);
    out.set(e.key, { amount: quantity.milli, node: e.value, text: shortQuantityText(quantity.text) });
  }
  return out;
}

/**
 * Requests against limits (not above them; equal for resources that cannot
 * be overcommitted, whose limit is then required) and "HugePages require cpu
 * or memory"; `anchor` carries that last finding.
 */
export function checkRequestsAgainstLimits(p: PodContext, requests: Amounts, limits: Amounts, where: string, anchor: unknown): void {
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    if (isOvercommitAllowed(name)) {
      if (limit && request.amount > limit.amount) p.report(CODE, 'error', `${where}${name} request ${request.text} is above the ${name} limit ${limit.text}: lower the request or raise the limit`, request.node);
    } else if (!limit) p.report(CODE, 'error', `${where}${name} cannot be overcommitted: add a limit equal to the request`, request.node);
    else if (limit.amount !== request.amount) p.report(CODE, 'error', `${where}${name} request must equal its limit ${limit.text} (it cannot be overcommitted): make them the same`, request.node);
  }
  hugePagesNeedCpuOrMemory(p, [...requests.keys(), ...limits.keys()], where, anchor);
}

/** validateResourceRequirements: hugepages without a cpu or memory amount in the same list are forbidden. */
export function hugePagesNeedCpuOrMemory(p: PodContext, names: string[], where: string, anchor: unknown): void {
  if (names.some((n) => n.startsWith('hugepages-')) && !names.some((n) => n === 'cpu' || n === 'memory')) {
    p.report(CODE, 'error', `${where}hugepages need a cpu or memory request or limit in the same resources: add one`, anchor);
  }
}
