/**
 * Mistakes the API server accepts: what kube-linter and Polaris check on pod
 * templates that applies to a DaemonSet, and DaemonSet-specific ones. Each has
 * its own rule id so users can turn it off or re-grade it.
 */
import { isMap } from 'yaml';
import { BUILT_IN_PRIORITY_CLASSES } from '../../completion/wellKnown';
import type { DocumentRule, QuickFix } from '../types';
import { checkHostAccess } from './hostAccessLint';
import { agentName, everyNodeReason, lossWhenDown } from './nodeAgent';
import { PodContext } from './podContext';
import type { PodTraits } from './podTraits';
import { podTraits } from './podTraits';
import { insertTolerationEdit } from './tolerationEdit';

const CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';

function imageProblem(image: string): string | undefined {
  if (image.includes('@')) return undefined; // pinned by digest
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
  if (tag === undefined) return `image "${image}" has no tag: it means :latest, so nodes may run different versions; pin a version tag or a digest`;
  if (tag === 'latest') return `image "${image}" uses the :latest tag: nodes may run different versions; pin a version tag or a digest`;
  return undefined;
}

/**
 * The pause image only sleeps (installers run their work in init containers
 * and keep the pod alive with it): it has no memory to limit.
 */
function isPauseImage(image: string | undefined): boolean {
  if (!image) return false;
  const reference = image.split('@')[0];
  const name = reference.slice(reference.lastIndexOf('/') + 1).split(':')[0];
  return name === 'pause';
}

/** Whether a container (or the pod, with pod-level resources) asks for anything. */
function hasResources(p: PodContext, owner: unknown): boolean {
  const resources = p.get(owner, 'resources');
  return p.entries(p.get(resources, 'requests')).length > 0 || p.entries(p.get(resources, 'limits')).length > 0;
}

/**
 * Requests are judged per pod: the scheduler reserves the pod's sum, so a
 * small sidecar without requests next to a main container with them is fine;
 * a pod with none at all is BestEffort (limits alone default the requests).
 * Memory limits are judged per long-running container (an init container's
 * memory is freed when it exits).
 */
function checkResources(p: PodContext, traits: PodTraits): void {
  const containers = p.containers().filter(({ list }) => list !== 'ephemeralContainers');
  // resources a template action writes (`{{ toYaml .Values.resources }}`) may hold anything: judged only when certain
  const certain = p.certain(p.podSpec, 'resources') && containers.every(({ node }) => p.certain(node, 'resources'));
  if (certain && containers.length && !hasResources(p, p.podSpec) && !containers.some(({ node }) => hasResources(p, node))) {
    // The kubelet never evicts a pod of a system-*-critical class (priority 2e9 and above) for node pressure.
    const critical = ['system-node-critical', 'system-cluster-critical'].includes(p.text(p.get(p.podSpec, 'priorityClassName')) ?? '');
    const message = (where: string) => `no container of this pod requests CPU or memory: on ${where}, the scheduler reserves nothing for what it uses${critical ? '' : ', and as a BestEffort pod it is evicted first when the node runs short of memory'}; set resources.requests on its containers`;
    if (traits.runsEverywhere) p.report('no-resource-requests', 'warning', message('every node'), p.keyOf(p.podSpec, 'containers'));
    else p.report('no-resource-requests', 'information', message('each node it selects'), p.keyOf(p.podSpec, 'containers'));
  }
  if (!p.absent(p.podSpec, 'resources', 'limits', 'memory')) return;
  const loss = lossWhenDown(traits.kinds);
  for (const { node, list } of containers) {
    if (list === 'initContainers' && p.text(p.get(node, 'restartPolicy')) !== 'Always') continue;
    if (!p.absent(node, 'resources', 'limits', 'memory') || isPauseImage(p.text(p.get(node, 'image')))) continue;
    const name = p.text(p.get(node, 'name')) ?? list;
    const at = p.get(node, 'name') ?? node;
    // CNI, CSI and device-plugin projects often leave the limit out on purpose: an OOM kill takes the node's pods down with the agent.
    if (loss) p.report('no-memory-limit', 'information', `container "${name}" has no memory limit: usual for ${agentName(traits.kinds)}, as an OOM kill at the limit would cost the node's pods ${loss} until it restarts; keep a realistic memory request`, at);
    else p.report('no-memory-limit', 'warning', `container "${name}" has no memory limit: it can take the node's memory; set resources.limits.memory`, at);
  }
}

/** Inserts the control-plane toleration into the pod spec (into an existing list, or as a new key). */
function controlPlaneFix(p: PodContext): QuickFix[] | undefined {
  const edit = insertTolerationEdit(p.ctx.file, p.ctx.document, { key: CONTROL_PLANE, operator: 'Exists', effect: 'NoSchedule' });
  return edit ? [{ title: 'Tolerate the control-plane taint', edits: [edit] }] : undefined;
}

export const lintRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: 'no-resource-requests', wholeObject: true, defaultSeverity: 'warning', description: 'No container of the pod requests CPU or memory: the pod is BestEffort, nothing is reserved for it and it is evicted first (information when it runs only on selected nodes).' },
    { code: 'no-memory-limit', wholeObject: true, defaultSeverity: 'warning', description: 'A long-running container without a memory limit can take a node\'s memory (information in CNI, CSI, device-plugin and iptables agents, which often leave it out on purpose).' },
    { code: 'no-liveness-probe', wholeObject: true, defaultSeverity: 'information', description: 'A container without a liveness probe is not restarted when it hangs.' },
    { code: 'no-readiness-probe', wholeObject: true, defaultSeverity: 'information', description: 'Without a readiness probe a rolling update moves on before the new pod works.' },
    { code: 'image-tag', wholeObject: true, defaultSeverity: 'warning', description: 'An image with the :latest tag or no tag (a digest is fine).' },
    { code: 'privileged', defaultSeverity: 'warning', description: 'A privileged container is root on the node (information, with the reason, in CNI, CSI, device-plugin and iptables agents and with Bidirectional mounts).' },
    { code: 'privilege-escalation', wholeObject: true, defaultSeverity: 'hint', description: 'allowPrivilegeEscalation is not false (Linux pods).' },
    { code: 'run-as-root', wholeObject: true, defaultSeverity: 'hint', description: 'The container may run as root (runAsUser 0, or runAsNonRoot not true; on Windows ContainerAdministrator); not for agents that must be root, nor HostProcess containers.' },
    { code: 'writable-host-path', wholeObject: true, defaultSeverity: 'warning', description: 'A hostPath mounted without readOnly: true outside what node agents must write (CNI, CSI and device-plugin folders, the iptables lock, the agent\'s own state folder), or a container runtime socket.' },
    { code: 'host-namespaces', defaultSeverity: 'information', description: 'hostNetwork, hostPID or hostIPC: the pod shares the node\'s namespaces.' },
    { code: 'writable-root-filesystem', wholeObject: true, defaultSeverity: 'hint', description: 'readOnlyRootFilesystem is not true (Linux pods).' },
    { code: 'missing-priority-class', wholeObject: true, defaultSeverity: 'information', description: 'A node agent (hostNetwork, hostPath or privileged) without priorityClassName: it can be evicted or fail to fit on a full node.' },
    { code: 'no-control-plane-toleration', wholeObject: true, defaultSeverity: 'hint', description: 'No toleration for the control-plane taint although the DaemonSet selects every node.' },
    { code: 'tolerates-everything', defaultSeverity: 'warning', description: '`operator: Exists` without a key tolerates every taint: the pod also runs on nodes being drained or NotReady (information for CNI, CSI, iptables, log and metrics agents).' },
    { code: 'unknown-priority-class', defaultSeverity: 'warning', description: 'priorityClassName names no PriorityClass known in the workspace or built in.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    const spec = p.podSpec;
    if (!isMap(spec)) return;
    const traits = podTraits(p);
    checkResources(p, traits);
    for (const { node, list } of p.containers()) {
      if (list === 'ephemeralContainers') continue;
      const name = p.text(p.get(node, 'name')) ?? list;
      const at = p.get(node, 'name') ?? node;
      const sidecarOrMain = list === 'containers' || p.text(p.get(node, 'restartPolicy')) === 'Always';
      if (sidecarOrMain && p.absent(node, 'livenessProbe')) p.report('no-liveness-probe', 'information', `container "${name}" has no livenessProbe: add one, so the kubelet restarts the agent when it hangs`, at);
      if (sidecarOrMain && p.absent(node, 'readinessProbe')) p.report('no-readiness-probe', 'information', `container "${name}" has no readinessProbe: a rolling update counts it available as soon as it starts; add one that passes once the agent works`, at);
      const image = p.text(p.get(node, 'image'));
      const problem = image ? imageProblem(image) : undefined;
      if (problem) p.report('image-tag', 'warning', problem, p.get(node, 'image'));
    }
    const { privileged } = checkHostAccess(p, traits);
    const priorityClassNode = p.get(spec, 'priorityClassName');
    const priorityClass = p.text(priorityClassNode);
    const nodeAgent = p.bool(p.get(spec, 'hostNetwork')) === true || traits.hostPaths.size > 0 || privileged;
    if (!priorityClass && nodeAgent && p.absent(spec, 'priorityClassName')) {
      p.report('missing-priority-class', 'information', 'this looks like a node agent (host network, hostPath or privileged) but sets no priorityClassName: set one (e.g. system-node-critical) so it is not evicted first and can preempt on a full node', p.keyOf(p.get(p.root, 'spec', 'template'), 'spec'));
    }
    if (priorityClass && !Object.hasOwn(BUILT_IN_PRIORITY_CLASSES, priorityClass) && !ctx.options.priorityClasses?.has(priorityClass)) {
      p.report('unknown-priority-class', 'warning', `no PriorityClass "${priorityClass}" is defined in the workspace or built in: the API server rejects the pods if the cluster has none; check the name, or add the PriorityClass to the workspace`, priorityClassNode);
    }
    const tolerations = p.items(p.get(spec, 'tolerations'));
    const everyNode = everyNodeReason(traits.kinds);
    for (const item of tolerations) {
      if ((p.text(p.get(item, 'key')) ?? '') !== '' || p.text(p.get(item, 'operator')) !== 'Exists' || p.text(p.get(item, 'effect')) || !p.fullyKnown(item)) continue;
      if (everyNode) p.report('tolerates-everything', 'information', `this toleration matches every taint, so the pod also runs on nodes being drained, NotReady or reserved for other work: expected here, as ${everyNode}; keep it`, item);
      else p.report('tolerates-everything', 'warning', 'this toleration matches every taint: the pod also runs on nodes that are being drained, NotReady or reserved for other work; tolerate the taints it needs by key', item);
    }
    const selectsAll = p.absent(spec, 'nodeSelector') && p.absent(spec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution') && p.absent(spec, 'nodeName');
    const toleratesControlPlane = tolerations.some((item) => {
      const key = p.text(p.get(item, 'key')) ?? '';
      const effect = p.text(p.get(item, 'effect')) ?? '';
      return (key === '' || key === CONTROL_PLANE) && (effect === '' || effect === 'NoSchedule') && (p.text(p.get(item, 'operator')) === 'Exists' || key === '');
    });
    if (selectsAll && !toleratesControlPlane && p.certain(spec, 'tolerations') && tolerations.every((item) => p.fullyKnown(item))) {
      p.report('no-control-plane-toleration', 'hint', `no toleration for the ${CONTROL_PLANE}:NoSchedule taint: the DaemonSet will not run on control-plane nodes; tolerate it if the agent belongs there too`, p.keyOf(p.get(p.root, 'spec', 'template'), 'spec'), controlPlaneFix(p));
    }
  },
};
