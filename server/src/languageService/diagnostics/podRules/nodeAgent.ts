/**
 * What a DaemonSet's pod shows about the kind of node agent it is, and what
 * such an agent must be able to do on its node. Plain strings in, plain
 * verdicts out: the lint rules use it to say why a privilege is there (at a
 * lower severity) instead of warning about the very thing the agent is for.
 *
 * Every path below was decided from what these agents really do (read in the
 * manifests CNI, CSI, device-plugin, log and network agents ship), not as a
 * blanket: a path outside these lists still gets the warning.
 */

/** Kinds of node agent a pod can be recognised as, from the host paths it mounts. */
export type AgentKind = 'cni' | 'csi' | 'device-plugin' | 'iptables' | 'log-agent' | 'node-monitor';

/** One hostPath volume as a container mounts it. */
export interface HostPathMount {
  /** The hostPath as written (Linux or Windows). */
  path: string;
  readOnly: boolean;
}

/** How a writable hostPath mount is judged. */
export type HostPathVerdict =
  /** What the agent is for: no finding. */
  | { kind: 'expected'; why: string }
  /** Works, but a safer layout exists: reported at a lower severity with the reason. */
  | { kind: 'tolerable'; why: string }
  /** A container runtime socket or pipe: readOnly does not limit it. */
  | { kind: 'runtime-socket' }
  /** Nothing known makes it necessary: the warning stands. */
  | { kind: 'unexpected' };

/**
 * A host path in one spelling: Windows drive paths (`C:\var\lib\kubelet`)
 * become `/var/lib/kubelet` and named pipes (`\\.\pipe\x`) `//./pipe/x`,
 * both lower-cased (Windows paths are case-insensitive); trailing and
 * repeated slashes go.
 */
export function normalizeHostPath(raw: string): string {
  let path = raw.trim();
  const windows = /^[A-Za-z]:[\\/]/.test(path) || path.includes('\\');
  if (/^[A-Za-z]:[\\/]/.test(path)) path = path.slice(2);
  path = path.replace(/\\/g, '/');
  // A named pipe (\\.\pipe\name); doubled separators elsewhere (a plain YAML scalar keeps `C:\\var`) are just separators.
  const pipe = /^\/\/\.\//.test(path);
  path = path.replace(/\/+/g, '/').replace(/\/$/, '');
  if (pipe) path = `/${path}`;
  if (windows) path = path.toLowerCase();
  return path === '' ? '/' : path;
}

/** Whether `path` is `prefix` or below it (both normalized). */
function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix === '/' ? '/' : `${prefix}/`);
}

/** Container log locations a log agent reads (the runtime's files and the kubelet's symlinks to them). */
const CONTAINER_LOGS = ['/var/log/pods', '/var/log/containers', '/var/lib/docker/containers'];

/**
 * The kinds of agent a pod is, from the host paths its volumes name (mounted
 * read-only or not) and whether it uses the host network.
 */
export function agentKinds(mounts: readonly HostPathMount[]): Set<AgentKind> {
  const kinds = new Set<AgentKind>();
  for (const mount of mounts) {
    const path = normalizeHostPath(mount.path);
    // CNI plugins install their binaries and network config where the container runtime looks for them.
    if (under(path, '/etc/cni') || under(path, '/opt/cni/bin')) kinds.add('cni');
    // CSI (and DRA) node plugins put their socket in plugins/<driver>, where the kubelet connects to it.
    if (under(path, '/var/lib/kubelet/plugins')) kinds.add('csi');
    if (under(path, '/var/lib/kubelet/device-plugins')) kinds.add('device-plugin');
    // Every program that changes iptables rules (kube-proxy, CNI, node-local DNS, masquerade agents) shares this lock.
    if (path === '/run/xtables.lock' || path === '/var/run/xtables.lock') kinds.add('iptables');
    if (CONTAINER_LOGS.some((logs) => path.endsWith(logs) || under(path, logs)) || (path === '/var/log' && mount.readOnly)) kinds.add('log-agent');
    // Metrics agents (node exporter, cAdvisor) read the node's state and change nothing.
    if ((path === '/' || path === '/proc' || path === '/sys') && mount.readOnly) kinds.add('node-monitor');
  }
  return kinds;
}

/**
 * What the node's pods lose while this agent is down (OOM-killed at a memory
 * limit, say), or undefined when it is not one of the agents they need.
 */
export function lossWhenDown(kinds: ReadonlySet<AgentKind>): string | undefined {
  if (kinds.has('cni') || kinds.has('iptables')) return 'their network';
  if (kinds.has('csi')) return 'new volume mounts';
  if (kinds.has('device-plugin')) return 'the devices it advertises';
  return undefined;
}

/**
 * Why this agent may tolerate every taint, or undefined: pods need network
 * and storage on every node they land on, tainted ones included, and log and
 * metrics agents watch every node.
 */
export function everyNodeReason(kinds: ReadonlySet<AgentKind>): string | undefined {
  if (kinds.has('cni') || kinds.has('iptables')) return 'pods on every node, tainted ones included, need its network';
  if (kinds.has('csi')) return 'pods on every node, tainted ones included, may mount its volumes';
  if (kinds.has('log-agent') || kinds.has('node-monitor')) return 'it observes every node, tainted ones included';
  return undefined;
}

/** A phrase naming the agent, for messages: "a CNI plugin". */
export function agentName(kinds: ReadonlySet<AgentKind>): string | undefined {
  if (kinds.has('cni')) return 'a CNI plugin';
  if (kinds.has('csi')) return 'a CSI node plugin';
  if (kinds.has('device-plugin')) return 'a device plugin';
  if (kinds.has('iptables')) return 'an agent that programs iptables (like kube-proxy)';
  if (kinds.has('log-agent')) return 'a log agent';
  if (kinds.has('node-monitor')) return 'a node metrics agent';
  return undefined;
}

/**
 * Why this kind of agent needs a privileged container, or undefined when none
 * of its kinds does (log and metrics agents only read).
 */
export function privilegeReason(kinds: ReadonlySet<AgentKind>): string | undefined {
  if (kinds.has('cni')) return 'a CNI plugin configures the node\'s network (interfaces, routes, iptables, sysctls)';
  if (kinds.has('csi')) return 'a CSI node plugin formats and mounts volumes for the node\'s pods';
  if (kinds.has('device-plugin')) return 'a device plugin must see the node\'s devices (a non-privileged container sees only those given to it)';
  if (kinds.has('iptables')) return 'it programs the node\'s iptables rules and network sysctls, as kube-proxy does';
  return undefined;
}

/**
 * Why this kind of agent runs as root, or undefined: node-critical agents
 * write root-owned host files and sockets, log agents read the root-owned
 * logs of every pod.
 */
export function rootReason(kinds: ReadonlySet<AgentKind>): string | undefined {
  const privilege = privilegeReason(kinds);
  if (privilege) return privilege;
  if (kinds.has('log-agent')) return 'a log agent reads the node\'s root-owned log files';
  return undefined;
}

/**
 * Agent-interface paths: where the kubelet, the container runtime or another
 * agent expects this agent to write. `kinds` (when given) limits the path to
 * pods recognised as one of them; `why` says what is written there.
 */
interface KnownPath {
  path: string;
  /** Also every path below it. */
  subtree: boolean;
  kinds?: readonly AgentKind[];
  why: string;
}

const KNOWN_PATHS: readonly KnownPath[] = [
  { path: '/etc/cni', subtree: true, why: 'CNI plugins install their network configuration here, where the container runtime reads it' },
  { path: '/opt/cni/bin', subtree: true, why: 'CNI plugins install their binaries here, where the container runtime runs them' },
  // host-local IPAM keeps its leases in /var/lib/cni/networks, Multus its cache in /var/lib/cni/multus: state that must survive a pod restart.
  { path: '/var/lib/cni', subtree: true, kinds: ['cni'], why: 'CNI plugins keep their state here (IP address leases, caches) so it survives a restart' },
  // iptables takes this lock (flock) before every change; an agent that does not share the host's lock races kube-proxy.
  { path: '/run/xtables.lock', subtree: false, why: 'iptables locks this file before every change: agents must share the host\'s lock' },
  { path: '/var/run/xtables.lock', subtree: false, why: 'iptables locks this file before every change: agents must share the host\'s lock' },
  // eBPF dataplanes (Calico, Cilium, AWS network policy agent) pin their maps in the BPF filesystem so they outlive the pod.
  { path: '/sys/fs/bpf', subtree: true, kinds: ['cni'], why: 'eBPF network dataplanes pin their maps in the BPF filesystem so they outlive the pod' },
  // ... and mount that filesystem at /sys/fs/bpf first when the node has not (calico's ebpf-bootstrap init container).
  { path: '/sys/fs', subtree: false, kinds: ['cni'], why: 'eBPF network dataplanes mount the BPF filesystem under /sys/fs when the node has not' },
  // The kubelet's plugin watcher: CSI registrars, DRA drivers and newer device plugins create their registration socket here.
  { path: '/var/lib/kubelet/plugins_registry', subtree: true, why: 'kubelet plugins create their registration socket here, where the kubelet watches for them' },
  { path: '/var/lib/kubelet/device-plugins', subtree: true, why: 'device plugins create their socket here and register with the kubelet\'s socket in the same folder' },
  // A CSI node plugin stages volumes under plugins/kubernetes.io/csi and publishes them into pods/<uid>/volumes, both under the kubelet root.
  { path: '/var/lib/kubelet', subtree: true, kinds: ['csi'], why: 'a CSI node plugin mounts volumes under the kubelet\'s folder (staging and pod volume paths), with Bidirectional propagation so the kubelet sees them' },
  // A CSI driver formats and mounts block devices, a device plugin checks the devices it advertises.
  { path: '/dev', subtree: false, kinds: ['csi', 'device-plugin'], why: 'CSI and device plugins work on the node\'s devices, including ones attached after the pod started' },
  // Container Device Interface specs: a device plugin writes them, the container runtime injects the devices they name.
  { path: '/var/run/cdi', subtree: true, kinds: ['device-plugin'], why: 'device plugins write Container Device Interface specs here for the container runtime' },
  { path: '/run/cdi', subtree: true, kinds: ['device-plugin'], why: 'device plugins write Container Device Interface specs here for the container runtime' },
  { path: '/etc/cdi', subtree: true, kinds: ['device-plugin'], why: 'device plugins write Container Device Interface specs here for the container runtime' },
  // Node Feature Discovery's "local" source reads feature files other agents (GPU feature discovery) drop here.
  { path: '/etc/kubernetes/node-feature-discovery/features.d', subtree: true, why: 'Node Feature Discovery reads the feature files agents write here' },
  // FlexVolume drivers are installed by copying them where the kubelet runs them.
  { path: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', subtree: true, why: 'FlexVolume drivers are installed here, where the kubelet runs them' },
  // Windows CSI node plugins do all disk, volume and SMB work through csi-proxy's named pipes.
  { path: '//./pipe/csi-proxy', subtree: false, kinds: ['csi'], why: 'Windows CSI node plugins work through csi-proxy\'s named pipes' },
];

/**
 * First folders under the state roots that belong to the node itself, not to
 * an agent. /var/lib/docker/containers among them: log agents read the
 * containers' logs there (read-only is enough) and keep their read positions
 * elsewhere; writing it rewrites the runtime's own state.
 */
const HOST_OWNED = new Set([
  'kubelet', 'kubernetes', 'docker', 'containerd', 'host-containerd', 'crio', 'cri-o', 'containers', 'podman', 'k3s', 'rke2', 'rancher', 'etcd',
  'cni', 'netns', 'dbus', 'systemd', 'udev', 'lock', 'user', 'secrets', 'pods', 'journal', 'audit', 'apt', 'dpkg', 'rpm', 'yum', 'dnf', 'lxc', 'lxd',
]);

/** Where agents keep their own state, logs and sockets, one folder per agent. */
const STATE_ROOTS = ['/var/lib', '/var/run', '/run', '/var/log', '/var/cache'];

const RUNTIME_SOCKET = /(docker|containerd|crio|cri-dockerd|podman)[^/]*\.sock$|\/pipe\/(docker_engine|containerd-containerd)/;

/**
 * The agent's own folder, e.g. /var/lib/calico, /var/run/antrea,
 * /var/log/aws-routed-eni, /var/lib/vector: a folder below a state root
 * named for the agent and owned by no host component. IPAM state, log read
 * positions, eBPF objects and sockets live there so they survive a pod
 * restart; writing it changes nothing the node itself relies on.
 */
function ownStateFolder(path: string): string | undefined {
  for (const root of STATE_ROOTS) {
    if (!path.startsWith(`${root}/`)) continue;
    const first = path.slice(root.length + 1).split('/')[0];
    if (HOST_OWNED.has(first) || first.endsWith('.sock')) return undefined;
    return `${root}/${first}`;
  }
  return undefined;
}

/**
 * How a hostPath a container mounts writable is judged for a pod of these
 * agent kinds. (A runtime socket is judged so even when mounted read-only:
 * readOnly does not stop anyone from talking to a socket.)
 */
export function judgeHostPath(rawPath: string, kinds: ReadonlySet<AgentKind>): HostPathVerdict {
  const path = normalizeHostPath(rawPath);
  if (RUNTIME_SOCKET.test(path)) return { kind: 'runtime-socket' };
  for (const known of KNOWN_PATHS) {
    const matches = known.path.startsWith('//./pipe/') ? path.startsWith(known.path) : known.subtree ? under(path, known.path) : path === known.path;
    if (matches && (!known.kinds || known.kinds.some((kind) => kinds.has(kind)))) return { kind: 'expected', why: known.why };
  }
  // pod-resources only serves a read-only API over a socket: connecting works on a read-only mount.
  if (under(path, '/var/lib/kubelet')) return { kind: 'unexpected' };
  // fluent-bit's tail database and fluentd's pos_file sit next to the logs they read, so positions survive a restart;
  // filebeat and vector keep theirs in a folder of their own and read /var/log read-only, which is safer.
  if (path === '/var/log' && kinds.has('log-agent')) {
    return { kind: 'tolerable', why: 'a log agent may keep its read positions in /var/log so they survive a restart, but then it can also rewrite the node\'s logs: keep its positions in a folder of its own (e.g. /var/lib/<agent>) mounted writable, and mount /var/log read-only' };
  }
  const own = ownStateFolder(path);
  if (own) return { kind: 'expected', why: `${own} is the agent's own folder (state, logs or sockets that must survive a pod restart)` };
  return { kind: 'unexpected' };
}
