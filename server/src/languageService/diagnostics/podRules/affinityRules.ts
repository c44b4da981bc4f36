/**
 * Pod affinity and anti-affinity (validatePodAffinity,
 * validatePodAntiAffinity, validatePodAffinityTerm,
 * validateMatchLabelKeysAndMismatchLabelKeys) and topology spread constraints
 * (validateTopologySpreadConstraints). Their label selectors go through
 * checkLabelSelector (invalid-selector).
 */
import { isMap } from 'yaml';
import type { DocumentRule } from '../types';
import { dns1123LabelProblem, qualifiedNameProblem } from './names';
import { PodContext } from './podContext';
import { checkLabelSelector } from './selectorRules';

/** Label keys named in matchLabels and matchExpressions of a selector. */
function selectorKeys(p: PodContext, selector: unknown): Set<string> {
  const keys = new Set(p.entries(p.get(selector, 'matchLabels')).map((e) => e.key));
  for (const item of p.items(p.get(selector, 'matchExpressions'))) keys.add(p.text(p.get(item, 'key')) ?? '');
  return keys;
}

function checkLabelKeys(p: PodContext, parent: unknown, field: string, code: string, where: string): string[] {
  const node = p.get(parent, field);
  const keys = p.items(node);
  if (keys.length > 0 && p.isNull(p.get(parent, 'labelSelector'))) p.report(code, 'error', `${where}.${field} needs a labelSelector: add one, or remove ${field}`, p.keyOf(parent, field));
  return keys.map((k) => {
    const key = p.text(k) ?? '';
    const problem = qualifiedNameProblem(key);
    if (problem) p.report(code, 'error', `${where}.${field} "${key}": ${problem}`, k);
    return key;
  });
}

function checkPodAffinityTerm(p: PodContext, term: unknown, where: string): void {
  const code = 'invalid-pod-affinity';
  checkLabelSelector(p, p.get(term, 'labelSelector'), `${where}.labelSelector`);
  checkLabelSelector(p, p.get(term, 'namespaceSelector'), `${where}.namespaceSelector`);
  for (const ns of p.items(p.get(term, 'namespaces'))) {
    const name = p.text(ns) ?? '';
    const problem = dns1123LabelProblem(name);
    if (problem) p.report(code, 'error', `${where}.namespaces "${name}": a namespace name ${problem}`, ns);
  }
  const topologyNode = p.get(term, 'topologyKey');
  const topologyKey = p.text(topologyNode);
  if (topologyKey) {
    // An empty topologyKey is the schema rule's (a required field).
    const problem = qualifiedNameProblem(topologyKey);
    if (problem) p.report(code, 'error', `${where}.topologyKey "${topologyKey}": ${problem}`, topologyNode);
  }
  const match = checkLabelKeys(p, term, 'matchLabelKeys', code, where);
  const mismatch = new Set(checkLabelKeys(p, term, 'mismatchLabelKeys', code, where));
  const selected = selectorKeys(p, p.get(term, 'labelSelector'));
  p.items(p.get(term, 'matchLabelKeys')).forEach((node, i) => {
    if (mismatch.has(match[i])) p.report(code, 'error', `${where}.matchLabelKeys "${match[i]}" is in both matchLabelKeys and mismatchLabelKeys: remove it from one`, node);
    else if (selected.has(match[i])) p.report(code, 'error', `${where}.matchLabelKeys "${match[i]}" is in both matchLabelKeys and labelSelector: remove it from one`, node);
  });
}

function checkPodAffinity(p: PodContext, kind: string): void {
  const affinity = p.get(p.podSpec, 'affinity', kind);
  if (!isMap(affinity)) return;
  for (const term of p.items(p.get(affinity, 'requiredDuringSchedulingIgnoredDuringExecution'))) checkPodAffinityTerm(p, term, kind);
  for (const weighted of p.items(p.get(affinity, 'preferredDuringSchedulingIgnoredDuringExecution'))) {
    const weight = p.number(p.get(weighted, 'weight'));
    if (weight !== undefined && (weight < 1 || weight > 100)) p.report('invalid-pod-affinity', 'error', `${kind} weight ${weight} is out of range: use 1 to 100`, p.get(weighted, 'weight'));
    checkPodAffinityTerm(p, p.get(weighted, 'podAffinityTerm'), kind);
  }
}

function checkTopologySpread(p: PodContext): void {
  const code = 'invalid-topology-spread';
  const constraints = p.items(p.get(p.podSpec, 'topologySpreadConstraints'));
  const pairs = constraints.map((c) => `${p.text(p.get(c, 'topologyKey')) ?? ''}/${p.text(p.get(c, 'whenUnsatisfiable')) ?? ''}`);
  constraints.forEach((constraint, i) => {
    if (!isMap(constraint)) return;
    const maxSkew = p.number(p.get(constraint, 'maxSkew'));
    if (maxSkew !== undefined && maxSkew <= 0) p.report(code, 'error', 'topologySpreadConstraints maxSkew must be greater than zero: use 1 or more', p.get(constraint, 'maxSkew'));
    if (pairs.indexOf(pairs[i]) < i) p.report(code, 'error', `topologySpreadConstraints: {topologyKey, whenUnsatisfiable} ${pairs[i].replace('/', ', ')} is used twice: merge or remove one`, p.get(constraint, 'topologyKey') ?? constraint);
    const minDomainsNode = p.get(constraint, 'minDomains');
    const minDomains = p.number(minDomainsNode);
    if (minDomains !== undefined) {
      if (minDomains <= 0) p.report(code, 'error', 'topologySpreadConstraints minDomains must be greater than zero: use 1 or more, or remove it', minDomainsNode);
      const action = p.text(p.get(constraint, 'whenUnsatisfiable')) ?? '';
      if (action !== 'DoNotSchedule') p.report(code, 'error', `topologySpreadConstraints can only use minDomains with whenUnsatisfiable: DoNotSchedule, not ${action || 'unset'}: set DoNotSchedule or remove minDomains`, minDomainsNode);
    }
    const keys = checkLabelKeys(p, constraint, 'matchLabelKeys', code, 'topologySpreadConstraints');
    const selected = selectorKeys(p, p.get(constraint, 'labelSelector'));
    p.items(p.get(constraint, 'matchLabelKeys')).forEach((node, k) => {
      if (selected.has(keys[k])) p.report(code, 'error', `topologySpreadConstraints matchLabelKeys "${keys[k]}" is in both matchLabelKeys and labelSelector: remove it from one`, node);
    });
    checkLabelSelector(p, p.get(constraint, 'labelSelector'), 'topologySpreadConstraints labelSelector');
  });
}

export const affinityRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: 'invalid-pod-affinity', defaultSeverity: 'error', description: 'Pod (anti-)affinity terms with weights outside 1-100, an empty or invalid topologyKey, bad namespace names, or matchLabelKeys/mismatchLabelKeys without a labelSelector or repeating its keys.' },
    { code: 'invalid-topology-spread', defaultSeverity: 'error', description: 'Topology spread constraints with maxSkew or minDomains below 1, minDomains without DoNotSchedule, an empty topologyKey, the same topologyKey and whenUnsatisfiable twice, or bad matchLabelKeys.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    if (!isMap(p.podSpec)) return;
    checkPodAffinity(p, 'podAffinity');
    checkPodAffinity(p, 'podAntiAffinity');
    checkTopologySpread(p);
  },
};
