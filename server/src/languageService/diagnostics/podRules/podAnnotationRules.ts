/**
 * Annotations of the pod template that the API server reads
 * (ValidatePodSpecificAnnotations, validateSeccompAnnotationsAndFields,
 * validateAppArmorAnnotationsAndFieldsMatchOnCreate): deprecated seccomp and
 * AppArmor annotations, tolerations in annotations, the pod deletion cost,
 * the mirror-pod annotation.
 */
import { isMap } from 'yaml';
import type { DocumentRule } from '../types';
import { localDescendingPathProblem } from './mountRules';
import { PodContext } from './podContext';
import { tolerationProblems, tolerationsFromAnnotation } from './tolerationChecks';

const CODE = 'invalid-pod-annotation';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';

/** ValidateSeccompProfile: the values the deprecated seccomp annotations take. */
function seccompProblem(value: string): string | undefined {
  if (value === 'runtime/default' || value === 'docker/default' || value === 'unconfined') return undefined;
  if (value.startsWith('localhost/')) return localDescendingPathProblem(value.slice('localhost/'.length));
  return 'is not a seccomp profile: use runtime/default, unconfined or localhost/<path>';
}

/** What a profile field of type T requires of the matching annotation. */
function matches(kind: 'seccomp' | 'apparmor', annotation: string, type: string, local: string | undefined): boolean {
  if (type === 'Unconfined') return annotation === 'unconfined';
  if (type === 'RuntimeDefault') return kind === 'seccomp' ? annotation === 'runtime/default' || annotation === 'docker/default' : annotation === 'runtime/default';
  if (type === 'Localhost') return annotation.startsWith('localhost/') && annotation.slice('localhost/'.length) === local;
  return true;
}

export const podAnnotationRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: CODE, defaultSeverity: 'error', description: 'Pod template annotations the API server validates: seccomp and AppArmor annotations with unknown profiles, for unknown containers or disagreeing with the securityContext fields, unreadable or invalid tolerations, a pod-deletion-cost that is not a 32-bit integer, a mirror-pod annotation.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    const spec = p.podSpec;
    const annotations = p.get(p.root, 'spec', 'template', 'metadata', 'annotations');
    if (!isMap(spec) || !isMap(annotations)) return;
    const containers = new Map(p.containers().map((c) => [p.text(p.get(c.node, 'name')) ?? '', c.node]));
    const windows = p.text(p.get(spec, 'os', 'name')) === 'windows';
    for (const e of p.entries(annotations)) {
      const value = p.text(e.value) ?? '';
      if (e.key === SECCOMP_POD || e.key.startsWith(SECCOMP_CONTAINER)) {
        const problem = seccompProblem(value);
        if (problem) p.report(CODE, 'error', `annotation ${e.key} "${value}": ${problem}`, e.value);
        const context = e.key === SECCOMP_POD ? p.get(spec, 'securityContext') : p.get(containers.get(e.key.slice(SECCOMP_CONTAINER.length)), 'securityContext');
        const type = p.text(p.get(context, 'seccompProfile', 'type'));
        if (!problem && type && !matches('seccomp', value, type, p.text(p.get(context, 'seccompProfile', 'localhostProfile')))) {
          p.report(CODE, 'error', `annotation ${e.key} "${value}" and the seccompProfile field (${type}) must match: remove the deprecated annotation`, e.value);
        }
      } else if (e.key.startsWith(APPARMOR_CONTAINER)) {
        const name = e.key.slice(APPARMOR_CONTAINER.length);
        if (!containers.has(name)) p.report(CODE, 'error', `annotation ${e.key}: container "${name}" is not in this pod: use the name of one of its containers`, e.keyNode);
        if (value !== '' && value !== 'runtime/default' && value !== 'unconfined' && !value.startsWith('localhost/')) p.report(CODE, 'error', `annotation ${e.key}: invalid AppArmor profile name "${value}": use runtime/default, unconfined or localhost/<profile>`, e.value);
        const type = p.text(p.get(containers.get(name), 'securityContext', 'appArmorProfile', 'type')) ?? p.text(p.get(spec, 'securityContext', 'appArmorProfile', 'type'));
        const local = p.text(p.get(containers.get(name), 'securityContext', 'appArmorProfile', 'localhostProfile')) ?? p.text(p.get(spec, 'securityContext', 'appArmorProfile', 'localhostProfile'));
        if (!windows && type && !matches('apparmor', value, type, local)) p.report(CODE, 'error', `annotation ${e.key} "${value}" and the appArmorProfile field (${type}) must match: remove the deprecated annotation`, e.value);
      } else if (e.key === 'scheduler.alpha.kubernetes.io/tolerations' && value !== '') {
        // ValidateTolerationsInPodAnnotations: readable, then each toleration as ValidateTolerations checks spec.tolerations
        const read = tolerationsFromAnnotation(value);
        if ('error' in read) p.report(CODE, 'error', `annotation ${e.key} ${read.error}: correct it, or better, move the tolerations to spec.tolerations`, e.value);
        else for (const problem of read.tolerations.flatMap((t) => tolerationProblems(t, true))) p.report(CODE, 'error', `annotation ${e.key}: ${problem.message} (better: move the tolerations to spec.tolerations)`, e.value);
      } else if (e.key === 'controller.kubernetes.io/pod-deletion-cost') {
        const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
        if (!(n >= -2147483648 && n <= 2147483647)) p.report(CODE, 'error', `annotation ${e.key} "${value}" must be a 32-bit integer: write a whole number between -2147483648 and 2147483647`, e.value);
      } else if (e.key === 'kubernetes.io/config.mirror' && (p.text(p.get(spec, 'nodeName')) ?? '') === '') {
        p.report(CODE, 'error', `annotation ${e.key} is for static pods (it needs spec.nodeName): remove it`, e.keyNode);
      }
    }
  },
};
