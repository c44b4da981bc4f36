/**
 * Mistakes the API server accepts: what kube-linter and Polaris check on pod
 * templates that applies to a DaemonSet, and DaemonSet-specific ones. Each has
 * its own rule id so users can turn it off or re-grade it.
 */
import { isMap } from 'yaml';
import { BUILT_IN_PRIORITY_CLASSES } from '../../completion/wellKnown';
import type { DocumentRule, QuickFix } from '../types';
import { PodContext } from './podContext';
import { insertTolerationEdit } from './tolerationEdit';

const CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';

function imageProblem(image: string): string | undefined {
  if (image.includes('@')) return undefined; // pinned by digest
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
  if (tag === undefined) return `image "${image}" has no tag: it means :latest, so nodes may run different versions`;
  if (tag === 'latest') return `image "${image}" uses the :latest tag: nodes may run different versions`;
  return undefined;
}

/** Whether neither the container nor the pod can get runAsUser or runAsNonRoot from a template action. */
function runAsRootCertain(p: PodContext, container: unknown, podSecurity: unknown): boolean {
  return ['runAsUser', 'runAsNonRoot'].every((field) => p.certain(container, 'securityContext', field) && p.certain(podSecurity, field)) && p.certain(p.podSpec, 'securityContext');
}

/** Inserts the control-plane toleration into the pod spec (into an existing list, or as a new key). */
function controlPlaneFix(p: PodContext): QuickFix[] | undefined {
  const edit = insertTolerationEdit(p.ctx.file, p.ctx.document, { key: CONTROL_PLANE, operator: 'Exists', effect: 'NoSchedule' });
  return edit ? [{ title: 'Tolerate the control-plane taint', edits: [edit] }] : undefined;
}

export const lintRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: 'no-resource-requests', defaultSeverity: 'warning', description: 'A container without CPU or memory requests: the scheduler cannot reserve room for it on a full node.' },
    { code: 'no-memory-limit', defaultSeverity: 'warning', description: 'A container without a memory limit can take a node\'s memory.' },
    { code: 'no-liveness-probe', defaultSeverity: 'information', description: 'A container without a liveness probe is not restarted when it hangs.' },
    { code: 'no-readiness-probe', defaultSeverity: 'information', description: 'Without a readiness probe a rolling update moves on before the new pod works.' },
    { code: 'image-tag', defaultSeverity: 'warning', description: 'An image with the :latest tag or no tag (a digest is fine).' },
    { code: 'privileged', defaultSeverity: 'warning', description: 'A privileged container is root on the node.' },
    { code: 'privilege-escalation', defaultSeverity: 'hint', description: 'allowPrivilegeEscalation is not false.' },
    { code: 'run-as-root', defaultSeverity: 'hint', description: 'The container may run as root (runAsUser 0, or runAsNonRoot not true).' },
    { code: 'writable-host-path', defaultSeverity: 'warning', description: 'A hostPath volume mounted without readOnly: true.' },
    { code: 'host-namespaces', defaultSeverity: 'information', description: 'hostNetwork, hostPID or hostIPC: the pod shares the node\'s namespaces.' },
    { code: 'writable-root-filesystem', defaultSeverity: 'hint', description: 'readOnlyRootFilesystem is not true.' },
    { code: 'missing-priority-class', defaultSeverity: 'information', description: 'A node agent (hostNetwork, hostPath or privileged) without priorityClassName: it can be evicted or fail to fit on a full node.' },
    { code: 'no-control-plane-toleration', defaultSeverity: 'hint', description: 'No toleration for the control-plane taint although the DaemonSet selects every node.' },
    { code: 'tolerates-everything', defaultSeverity: 'warning', description: '`operator: Exists` without a key tolerates every taint: the pod also runs on nodes being drained or NotReady.' },
    { code: 'unknown-priority-class', defaultSeverity: 'warning', description: 'priorityClassName names no PriorityClass known in the workspace or built in.' },
  ],
  check(ctx) {
    const p = new PodContext(ctx);
    const spec = p.podSpec;
    if (!isMap(spec)) return;
    // A name a template action writes is unknown: it matches no mount (an unnamed volume is invalid anyway).
    const hostPathVolumes = new Set(p.items(p.get(spec, 'volumes')).filter((v) => p.get(v, 'hostPath') !== null).flatMap((v) => p.text(p.get(v, 'name')) ?? []));
    const podSecurity = p.get(spec, 'securityContext');
    let privilegedPod = false;
    for (const { node, list } of p.containers()) {
      if (list === 'ephemeralContainers') continue;
      const name = p.text(p.get(node, 'name')) ?? list;
      const at = p.get(node, 'name') ?? node;
      const resources = p.get(node, 'resources');
      const sidecarOrMain = list === 'containers' || p.text(p.get(node, 'restartPolicy')) === 'Always';
      if (!p.entries(p.get(resources, 'requests')).length && !p.entries(p.get(resources, 'limits')).length && p.certain(node, 'resources', 'requests') && p.certain(node, 'resources', 'limits')) {
        p.report('no-resource-requests', 'warning', `container "${name}" sets no resource requests: on a full node the scheduler cannot reserve room for it`, at);
      }
      if (p.absent(node, 'resources', 'limits', 'memory')) p.report('no-memory-limit', 'warning', `container "${name}" has no memory limit`, at);
      if (sidecarOrMain && p.absent(node, 'livenessProbe')) p.report('no-liveness-probe', 'information', `container "${name}" has no livenessProbe`, at);
      if (sidecarOrMain && p.absent(node, 'readinessProbe')) p.report('no-readiness-probe', 'information', `container "${name}" has no readinessProbe: a rolling update counts it available as soon as it starts`, at);
      const image = p.text(p.get(node, 'image'));
      const problem = image ? imageProblem(image) : undefined;
      if (problem) p.report('image-tag', 'warning', problem, p.get(node, 'image'));
      const security = p.get(node, 'securityContext');
      const privileged = p.bool(p.get(security, 'privileged')) === true;
      if (privileged) {
        privilegedPod = true;
        p.report('privileged', 'warning', `container "${name}" is privileged: it is root on the node`, p.get(security, 'privileged'));
      }
      const escalation = p.bool(p.get(security, 'allowPrivilegeEscalation'));
      if (escalation !== false && !privileged && p.certain(node, 'securityContext', 'allowPrivilegeEscalation')) p.report('privilege-escalation', escalation === true ? 'warning' : 'hint', `container "${name}": set allowPrivilegeEscalation: false`, p.get(security, 'allowPrivilegeEscalation') ?? at);
      const runAsUser = p.number(p.get(security, 'runAsUser')) ?? p.number(p.get(podSecurity, 'runAsUser'));
      const nonRoot = p.bool(p.get(security, 'runAsNonRoot')) ?? p.bool(p.get(podSecurity, 'runAsNonRoot'));
      if (runAsUser === 0) p.report('run-as-root', 'warning', `container "${name}" runs as root (runAsUser: 0)`, p.get(security, 'runAsUser') ?? p.get(podSecurity, 'runAsUser'));
      else if (nonRoot !== true && runAsUser === undefined && runAsRootCertain(p, node, podSecurity)) p.report('run-as-root', 'hint', `container "${name}" may run as root: set runAsNonRoot: true or a runAsUser`, at);
      if (p.bool(p.get(security, 'readOnlyRootFilesystem')) !== true && p.certain(node, 'securityContext', 'readOnlyRootFilesystem')) p.report('writable-root-filesystem', 'hint', `container "${name}": set readOnlyRootFilesystem: true`, at);
      for (const mount of p.items(p.get(node, 'volumeMounts'))) {
        const volume = p.text(p.get(mount, 'name'));
        if (volume !== undefined && hostPathVolumes.has(volume) && p.bool(p.get(mount, 'readOnly')) !== true && p.certain(mount, 'readOnly')) {
          p.report('writable-host-path', 'warning', `hostPath volume "${volume}" is mounted writable in container "${name}": add readOnly: true unless the agent must write to the node`, p.get(mount, 'name'));
        }
      }
    }
    const namespaces = ['hostNetwork', 'hostPID', 'hostIPC'].filter((field) => p.bool(p.get(spec, field)) === true);
    for (const field of namespaces) p.report('host-namespaces', 'information', `${field}: the pod shares the node's ${field.slice(4)} namespace`, p.keyOf(spec, field));
    const priorityClassNode = p.get(spec, 'priorityClassName');
    const priorityClass = p.text(priorityClassNode);
    const nodeAgent = namespaces.includes('hostNetwork') || hostPathVolumes.size > 0 || privilegedPod;
    if (!priorityClass && nodeAgent && p.absent(spec, 'priorityClassName')) {
      p.report('missing-priority-class', 'information', 'this looks like a node agent (host network, hostPath or privileged) but sets no priorityClassName: consider system-node-critical so it is not evicted first and can preempt on a full node', p.keyOf(p.get(p.root, 'spec', 'template'), 'spec'));
    }
    if (priorityClass && !(priorityClass in BUILT_IN_PRIORITY_CLASSES) && !ctx.options.priorityClasses?.has(priorityClass)) {
      p.report('unknown-priority-class', 'warning', `no PriorityClass "${priorityClass}" is defined in the workspace or built in: the API server rejects the pods if the cluster has none`, priorityClassNode);
    }
    const tolerations = p.items(p.get(spec, 'tolerations'));
    for (const item of tolerations) {
      if ((p.text(p.get(item, 'key')) ?? '') === '' && p.text(p.get(item, 'operator')) === 'Exists' && !p.text(p.get(item, 'effect')) && p.fullyKnown(item)) {
        p.report('tolerates-everything', 'warning', 'this toleration matches every taint: the pod also runs on nodes that are being drained, NotReady or reserved for other work (fine for CNI and other agents every node needs)', item);
      }
    }
    const selectsAll = p.absent(spec, 'nodeSelector') && p.absent(spec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution') && p.absent(spec, 'nodeName');
    const toleratesControlPlane = tolerations.some((item) => {
      const key = p.text(p.get(item, 'key')) ?? '';
      const effect = p.text(p.get(item, 'effect')) ?? '';
      return (key === '' || key === CONTROL_PLANE) && (effect === '' || effect === 'NoSchedule') && (p.text(p.get(item, 'operator')) === 'Exists' || key === '');
    });
    if (selectsAll && !toleratesControlPlane && p.certain(spec, 'tolerations') && tolerations.every((item) => p.fullyKnown(item))) {
      p.report('no-control-plane-toleration', 'hint', `no toleration for the ${CONTROL_PLANE}:NoSchedule taint: the DaemonSet will not run on control-plane nodes`, p.keyOf(p.get(p.root, 'spec', 'template'), 'spec'), controlPlaneFix(p));
    }
  },
};
