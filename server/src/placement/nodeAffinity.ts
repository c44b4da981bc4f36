/**
 * Required node selection as the DaemonSet controller evaluates it
 * (component-helpers nodeaffinity.GetRequiredNodeAffinity(pod).Match):
 * the nodeSelector map AND the required node affinity terms (terms ORed,
 * the requirements of a term ANDed; matchFields only on metadata.name).
 */
import type { NodeModel, NodeSelectorTerm, SelectorRequirement } from './types';

/** Why a requirement does not match, or undefined when it matches. */
export function requirementMismatch(requirement: SelectorRequirement, labels: Record<string, string>): string | undefined {
  const { key, operator } = requirement;
  const values = requirement.values ?? [];
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  const actual = labels[key];
  const shown = has ? `label ${key}=${actual}` : `no label ${key}`;
  switch (operator) {
    case 'In':
      if (values.length === 0) return `${key} In needs at least one value`;
      return has && values.includes(actual) ? undefined : `${shown} (wants ${key} In [${values.join(', ')}])`;
    case 'NotIn':
      if (values.length === 0) return `${key} NotIn needs at least one value`;
      return !has || !values.includes(actual) ? undefined : `${shown} (wants ${key} NotIn [${values.join(', ')}])`;
    case 'Exists':
      if (values.length) return `${key} Exists takes no values`;
      return has ? undefined : `${shown} (wants ${key} Exists)`;
    case 'DoesNotExist':
      if (values.length) return `${key} DoesNotExist takes no values`;
      return has ? `${shown} (wants ${key} DoesNotExist)` : undefined;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !/^[+-]?\d+$/.test(values[0])) return `${key} ${operator} needs exactly one integer value`;
      if (!has) return `${shown} (wants ${key} ${operator} ${values[0]})`;
      if (!/^[+-]?\d+$/.test(actual)) return `${shown} is not an integer (wants ${key} ${operator} ${values[0]})`;
      const ok = operator === 'Gt' ? BigInt(actual) > BigInt(values[0]) : BigInt(actual) < BigInt(values[0]);
      return ok ? undefined : `${shown} (wants ${key} ${operator} ${values[0]})`;
    }
    default:
      return `unknown operator ${operator}`;
  }
}

/** Why a term does not match the node, or undefined when it matches. An empty term matches nothing. */
export function termMismatch(term: NodeSelectorTerm, node: NodeModel): string | undefined {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return 'the term is empty and matches no node';
  const problems: string[] = [];
  for (const requirement of expressions) {
    const problem = requirementMismatch(requirement, node.labels);
    if (problem) problems.push(problem);
  }
  for (const requirement of fields) {
    if (requirement.key !== 'metadata.name') {
      problems.push(`matchFields supports only metadata.name, not ${requirement.key}`);
      continue;
    }
    // Upstream only accepts In/NotIn with exactly one value for fields.
    if ((requirement.operator !== 'In' && requirement.operator !== 'NotIn') || (requirement.values ?? []).length !== 1) {
      problems.push(`matchFields metadata.name needs In or NotIn with exactly one value`);
      continue;
    }
    const problem = requirementMismatch(requirement, { 'metadata.name': node.name });
    if (problem) problems.push(problem.replace('label metadata.name', 'node name'));
  }
  return problems.length ? problems.join('; ') : undefined;
}

/** Sum of the weights of the preferred terms the node matches (the NodeAffinity score before normalising). */
export function preferredScore(terms: Array<{ weight: number; preference: NodeSelectorTerm }>, node: NodeModel): number {
  let score = 0;
  for (const term of terms) {
    if (term.weight !== 0 && termMismatch(term.preference, node) === undefined) score += term.weight;
  }
  return score;
}
