/**
 * Pod spec fields ValidatePodSpec and ValidatePodTemplateSpec check one by
 * one: hostname, subdomain, serviceAccountName, nodeName, priorityClassName,
 * runtimeClassName, hostnameOverride, readiness and scheduling gates,
 * resource claims, and no ephemeral containers in a template.
 */
import { isMap } from 'yaml';
import type { DocumentRule } from '../types';
import { dns1123LabelProblem, dns1123SubdomainProblem, objectNameProblem, qualifiedNameProblem } from './names';
import { PodContext } from './podContext';

const CODE = 'invalid-pod-spec';
const LABEL_NAMED = ['hostname', 'subdomain'];
const SUBDOMAIN_NAMED = ['serviceAccountName', 'nodeName', 'priorityClassName', 'runtimeClassName'];

function checkGates(p: PodContext): void {
  for (const gate of p.items(p.get(p.podSpec, 'readinessGates'))) {
    const node = p.get(gate, 'conditionType');
    const value = p.text(node);
    const problem = value === undefined ? undefined : qualifiedNameProblem(value);
    if (problem) p.report(CODE, 'error', `readinessGates conditionType "${value}": ${problem}`, node);
  }
  const seen = new Set<string>();
  for (const gate of p.items(p.get(p.podSpec, 'schedulingGates'))) {
    const node = p.get(gate, 'name');
    const value = p.text(node);
    if (value === undefined) continue;
    const problem = qualifiedNameProblem(value);
    if (problem) p.report(CODE, 'error', `schedulingGates name "${value}": ${problem}`, node);
    if (seen.has(value)) p.report(CODE, 'error', `schedulingGates name "${value}" is listed twice: remove one`, node);
    seen.add(value);
  }
}

/** validatePodResourceClaims; returns the claim names for the containers' resources.claims. */
export function podClaimNames(p: PodContext): Set<string> {
  return new Set(p.items(p.get(p.podSpec, 'resourceClaims')).map((c) => p.text(p.get(c, 'name')) ?? '').filter((n) => n !== ''));
}

function checkResourceClaims(p: PodContext): void {
  const seen = new Set<string>();
  for (const claim of p.items(p.get(p.podSpec, 'resourceClaims'))) {
    if (!isMap(claim)) continue;
    const nameNode = p.get(claim, 'name');
    const name = p.text(nameNode) ?? '';
    if (name !== '') {
      const problem = seen.has(name) ? 'is listed twice' : dns1123LabelProblem(name);
      if (problem) p.report(CODE, 'error', `resourceClaims name "${name}" ${problem}`, nameNode);
      seen.add(name);
    }
    const refs = ['resourceClaimName', 'resourceClaimTemplateName'].filter((f) => !p.isNull(p.get(claim, f)));
    if (refs.length === 0) p.report(CODE, 'error', `resourceClaims "${name}" has no source: add resourceClaimName or resourceClaimTemplateName`, nameNode ?? claim);
    if (refs.length > 1) p.report(CODE, 'error', `resourceClaims "${name}": resourceClaimName and resourceClaimTemplateName cannot both be set: keep one`, p.keyOf(claim, refs[1]));
    for (const field of refs) {
      const value = p.text(p.get(claim, field)) ?? '';
      const problem = objectNameProblem(value);
      if (problem) p.report(CODE, 'error', `resourceClaims ${field} "${value}" ${problem}`, p.get(claim, field));
    }
  }
}

/** validatePodHostName: hostnameOverride (HostnameOverride, beta and on by default since 1.35). */
function checkHostnameOverride(p: PodContext): void {
  const node = p.get(p.podSpec, 'hostnameOverride');
  const value = p.text(node);
  if (value === undefined) return;
  const key = p.keyOf(p.podSpec, 'hostnameOverride');
  if (p.bool(p.get(p.podSpec, 'setHostnameAsFQDN')) === true) p.report(CODE, 'error', 'hostnameOverride is not allowed with setHostnameAsFQDN: true: remove one of them', key);
  if (p.bool(p.get(p.podSpec, 'hostNetwork')) === true) p.report(CODE, 'error', 'hostnameOverride is not allowed with hostNetwork: true (the pod takes the node\'s hostname): remove it', key);
  if (value.length > 64) p.report(CODE, 'error', `hostnameOverride may not be longer than 64 characters (${value.length}): shorten it`, node);
  const problem = dns1123SubdomainProblem(value);
  if (problem) p.report(CODE, 'error', `hostnameOverride "${value}" ${problem}`, node);
}

export const podSpecRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: CODE, defaultSeverity: 'error', description: 'hostname or subdomain not a DNS label, serviceAccountName, nodeName, priorityClassName or runtimeClassName not a DNS subdomain, bad readiness or scheduling gates, resource claims without exactly one source, a hostnameOverride that is not a DNS subdomain of at most 64 characters or comes with setHostnameAsFQDN or hostNetwork, ephemeral containers in a pod template.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    const spec = p.podSpec;
    if (!isMap(spec)) return;
    for (const field of [...LABEL_NAMED, ...SUBDOMAIN_NAMED]) {
      const node = p.get(spec, field);
      const value = p.text(node);
      if (value === undefined || value === '') continue;
      const problem = LABEL_NAMED.includes(field) ? dns1123LabelProblem(value) : objectNameProblem(value);
      if (problem) p.report(CODE, 'error', `${field} "${value}" ${problem}`, node);
    }
    checkGates(p);
    checkResourceClaims(p);
    checkHostnameOverride(p);
    if (p.items(p.get(spec, 'ephemeralContainers')).length > 0) {
      p.report(CODE, 'error', 'ephemeral containers are not allowed in a pod template (they are added to running pods with kubectl debug): remove them', p.keyOf(spec, 'ephemeralContainers'));
    }
  },
};
