/**
 * Best-practice checks on what a pod may do to its node: privileged
 * containers, privilege escalation, root, a writable root file system,
 * writable hostPath mounts and the host's namespaces. A node agent needs some
 * of this to do its job: when the pod shows which agent it is, the finding
 * says why at a lower severity instead of warning (nodeAgent.ts). Windows
 * pods are judged by Windows rules: the Linux-only fields these checks would
 * suggest are forbidden there (validateWindows).
 */
import type { Node as YamlNode } from 'yaml';
import { judgeHostPath, privilegeReason, rootReason } from './nodeAgent';
import type { PodContext } from './podContext';
import type { PodTraits } from './podTraits';
import { isHostProcess } from './podTraits';

interface ContainerSeen {
  node: YamlNode;
  name: string;
  /** Where container-wide findings are underlined (the container's name). */
  at: YamlNode | null;
}

/** A container with a Bidirectional mount must be privileged: the API server requires it (validateMountPropagation). */
function hasBidirectionalMount(p: PodContext, container: YamlNode): boolean {
  return p.items(p.get(container, 'volumeMounts')).some((mount) => p.text(p.get(mount, 'mountPropagation')) === 'Bidirectional');
}

/** privileged, allowPrivilegeEscalation, runAsUser/runAsNonRoot and readOnlyRootFilesystem of a Linux container. */
function checkLinuxContainer(p: PodContext, traits: PodTraits, { node, name, at }: ContainerSeen): boolean {
  const security = p.get(node, 'securityContext');
  const podSecurity = p.get(p.podSpec, 'securityContext');
  const privileged = p.bool(p.get(security, 'privileged')) === true;
  if (privileged) {
    const why = hasBidirectionalMount(p, node) ? 'its Bidirectional mount propagation requires it (the API server rejects Bidirectional in a non-privileged container)' : privilegeReason(traits.kinds);
    if (why) p.report('privileged', 'information', `container "${name}" is privileged, i.e. root on the node: expected here, as ${why}; keep it`, p.get(security, 'privileged'));
    else p.report('privileged', 'warning', `container "${name}" is privileged: it is root on the node; drop privileged and add only the capabilities it needs (securityContext.capabilities.add)`, p.get(security, 'privileged'));
  }
  const escalation = p.bool(p.get(security, 'allowPrivilegeEscalation'));
  if (escalation !== false && !privileged) p.report('privilege-escalation', escalation === true ? 'warning' : 'hint', `container "${name}": set allowPrivilegeEscalation: false`, p.get(security, 'allowPrivilegeEscalation') ?? at);
  const runAsUser = p.number(p.get(security, 'runAsUser')) ?? p.number(p.get(podSecurity, 'runAsUser'));
  const nonRoot = p.bool(p.get(security, 'runAsNonRoot')) ?? p.bool(p.get(podSecurity, 'runAsNonRoot'));
  const rootWhy = rootReason(traits.kinds);
  if (runAsUser === 0) {
    const userNode = p.get(security, 'runAsUser') ?? p.get(podSecurity, 'runAsUser');
    if (rootWhy) p.report('run-as-root', 'information', `container "${name}" runs as root (runAsUser: 0): expected here, as ${rootWhy}; keep it`, userNode);
    else p.report('run-as-root', 'warning', `container "${name}" runs as root (runAsUser: 0): set a non-zero runAsUser unless the agent must be root`, userNode);
  } else if (nonRoot !== true && runAsUser === undefined && !rootWhy) {
    // An agent that must be root would break if it followed this advice: no hint for it.
    p.report('run-as-root', 'hint', `container "${name}" may run as root: set runAsNonRoot: true or a runAsUser`, at);
  }
  if (p.bool(p.get(security, 'readOnlyRootFilesystem')) !== true) p.report('writable-root-filesystem', 'hint', `container "${name}": set readOnlyRootFilesystem: true`, at);
  return privileged;
}

/**
 * The Windows counterpart of run-as-root: the user is windowsOptions.runAsUserName
 * (runAsUser, privileged, allowPrivilegeEscalation and readOnlyRootFilesystem
 * cannot be set for a Windows pod). A HostProcess container runs as the host
 * account it names; runAsNonRoot does not apply to it.
 */
function checkWindowsContainer(p: PodContext, traits: PodTraits, { node, name, at }: ContainerSeen): void {
  if (isHostProcess(p, node)) return;
  const options = p.get(node, 'securityContext', 'windowsOptions');
  const podOptions = p.get(p.podSpec, 'securityContext', 'windowsOptions');
  const userNode = p.get(options, 'runAsUserName') ?? p.get(podOptions, 'runAsUserName');
  const user = p.text(userNode);
  const nonRoot = p.bool(p.get(node, 'securityContext', 'runAsNonRoot')) ?? p.bool(p.get(p.podSpec, 'securityContext', 'runAsNonRoot'));
  const rootWhy = rootReason(traits.kinds);
  if (user?.toLowerCase() === 'containeradministrator') {
    if (rootWhy) p.report('run-as-root', 'information', `container "${name}" runs as ContainerAdministrator: expected here, as ${rootWhy}; keep it`, userNode);
    else p.report('run-as-root', 'warning', `container "${name}" runs as ContainerAdministrator: use ContainerUser unless it must administer the node`, userNode);
  } else if (user === undefined && nonRoot !== true && !rootWhy) {
    p.report('run-as-root', 'hint', `container "${name}" may run as ContainerAdministrator (the default of many Windows images): set securityContext.windowsOptions.runAsUserName: ContainerUser`, at);
  }
}

/**
 * HostProcess is the Windows counterpart of privileged (the Pod Security
 * baseline forbids both): reported under the same rule, once where the pod
 * sets it or on each container that does.
 */
function reportHostProcess(p: PodContext, traits: PodTraits): void {
  const podLevel = p.get(p.podSpec, 'securityContext', 'windowsOptions', 'hostProcess');
  const places = p.bool(podLevel) === true ? [podLevel] : p.containers().map(({ node }) => p.get(node, 'securityContext', 'windowsOptions', 'hostProcess')).filter((node) => p.bool(node) === true);
  const why = privilegeReason(traits.kinds);
  const message = 'HostProcess containers run as processes on the Windows node, with its file system and network: the Windows counterpart of privileged';
  for (const at of places) {
    if (why) p.report('privileged', 'information', `${message}; expected here, as ${why}; keep it`, at);
    else p.report('privileged', 'warning', `${message}: remove hostProcess unless the agent must manage the node`, at);
  }
}

/** Writable hostPath mounts outside what the agent must write, and container runtime sockets. */
function checkHostPathMounts(p: PodContext, traits: PodTraits, { node, name }: ContainerSeen): void {
  // A HostProcess container sees the host's whole file system: readOnly on one mount would change nothing.
  if (traits.windows && isHostProcess(p, node)) return;
  for (const mount of p.items(p.get(node, 'volumeMounts'))) {
    const volume = p.text(p.get(mount, 'name')) ?? '';
    const path = traits.hostPaths.get(volume);
    if (path === undefined) continue;
    const verdict = judgeHostPath(path, traits.kinds);
    const at = p.get(mount, 'name');
    if (verdict.kind === 'runtime-socket') {
      p.report('writable-host-path', 'warning', `hostPath volume "${volume}" (${path}) in container "${name}" is a container runtime's socket: readOnly does not limit a socket, and whoever can use it can start privileged containers, i.e. is root on the node: remove the mount unless the agent must drive the runtime`, at);
      continue;
    }
    if (p.bool(p.get(mount, 'readOnly')) === true) continue;
    if (verdict.kind === 'tolerable') p.report('writable-host-path', 'information', `hostPath volume "${volume}" (${path}) is mounted writable in container "${name}": ${verdict.why}`, at);
    if (verdict.kind === 'unexpected') p.report('writable-host-path', 'warning', `hostPath volume "${volume}" (${path}) is mounted writable in container "${name}": add readOnly: true unless the agent must write there`, at);
  }
}

/**
 * Runs the host-access checks on every container (ephemeral ones aside) and
 * the pod's namespaces; returns whether any container is privileged.
 */
export function checkHostAccess(p: PodContext, traits: PodTraits): { privileged: boolean } {
  let privileged = false;
  let hostProcess = false;
  for (const { node, list } of p.containers()) {
    if (list === 'ephemeralContainers') continue;
    const seen: ContainerSeen = { node, name: p.text(p.get(node, 'name')) ?? list, at: p.get(node, 'name') ?? node };
    if (traits.windows) {
      hostProcess ||= isHostProcess(p, node);
      checkWindowsContainer(p, traits, seen);
    } else if (checkLinuxContainer(p, traits, seen)) {
      privileged = true;
    }
    checkHostPathMounts(p, traits, seen);
  }
  if (hostProcess) reportHostProcess(p, traits);
  const spec = p.podSpec;
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (p.bool(p.get(spec, field)) !== true) continue;
    // HostProcess pods must set hostNetwork (validateWindowsHostProcessPod): nothing to point out.
    if (field === 'hostNetwork' && hostProcess) continue;
    p.report('host-namespaces', 'information', `${field}: the pod shares the node's ${field.slice(4)} namespace; remove it unless the agent needs that`, p.keyOf(spec, field));
  }
  return { privileged: privileged || hostProcess };
}
