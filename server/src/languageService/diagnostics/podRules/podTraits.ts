/**
 * What the best-practice rules need to know about a pod before judging it:
 * which OS it runs on, what kind of node agent it is, its hostPath volumes,
 * and whether it selects every node.
 */
import type { Node as YamlNode } from 'yaml';
import type { AgentKind, HostPathMount } from './nodeAgent';
import { agentKinds } from './nodeAgent';
import type { PodContext } from './podContext';

/** Node labels that only pick the OS or CPU architecture: a pod selected by them alone still runs on every such node. */
const PLATFORM_LABELS = new Set(['kubernetes.io/os', 'kubernetes.io/arch', 'beta.kubernetes.io/os', 'beta.kubernetes.io/arch']);

export interface PodTraits {
  /**
   * A Windows pod: `spec.os.name: windows`, a nodeSelector or required node
   * affinity on `kubernetes.io/os=windows`, or `windowsOptions` anywhere.
   * Linux-only security fields do not apply to it (validateWindows forbids
   * them when spec.os.name is windows).
   */
  windows: boolean;
  kinds: Set<AgentKind>;
  /** hostPath volumes by name: their path as written. */
  hostPaths: Map<string, string>;
  /** No nodeSelector or required node affinity beyond the OS and architecture, no nodeName. */
  runsEverywhere: boolean;
}

function requiresWindows(p: PodContext): boolean {
  const selector = p.get(p.podSpec, 'nodeSelector');
  if (['kubernetes.io/os', 'beta.kubernetes.io/os'].some((key) => p.text(p.get(selector, key)) === 'windows')) return true;
  const terms = p.items(p.get(p.podSpec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'));
  // Terms are ORed: the pod is Windows-only when every term asks for Windows.
  return terms.length > 0 && terms.every((term) => p.items(p.get(term, 'matchExpressions')).some((expression) => {
    const key = p.text(p.get(expression, 'key'));
    const values = p.items(p.get(expression, 'values')).map((value) => p.text(value));
    return (key === 'kubernetes.io/os' || key === 'beta.kubernetes.io/os') && p.text(p.get(expression, 'operator')) === 'In' && values.length > 0 && values.every((value) => value === 'windows');
  }));
}

function hasWindowsOptions(p: PodContext): boolean {
  if (p.get(p.podSpec, 'securityContext', 'windowsOptions') !== null) return true;
  return p.containers().some(({ node }) => p.get(node, 'securityContext', 'windowsOptions') !== null);
}

function runsEverywhere(p: PodContext): boolean {
  const spec = p.podSpec;
  if (p.get(spec, 'nodeName') !== null) return false;
  if (p.entries(p.get(spec, 'nodeSelector')).some((entry) => !PLATFORM_LABELS.has(entry.key))) return false;
  const terms = p.items(p.get(spec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'));
  return terms.every((term) => p.get(term, 'matchFields') === null && p.items(p.get(term, 'matchExpressions')).every((expression) => PLATFORM_LABELS.has(p.text(p.get(expression, 'key')) ?? '')));
}

/** The traits of the pod template of a DaemonSet document. */
export function podTraits(p: PodContext): PodTraits {
  const hostPaths = new Map<string, string>();
  for (const volume of p.items(p.get(p.podSpec, 'volumes'))) {
    const path = p.text(p.get(volume, 'hostPath', 'path'));
    const name = p.text(p.get(volume, 'name'));
    if (path !== undefined && name !== undefined) hostPaths.set(name, path);
  }
  const mounts: HostPathMount[] = [];
  for (const { node } of p.containers()) {
    for (const mount of p.items(p.get(node, 'volumeMounts'))) {
      const path = hostPaths.get(p.text(p.get(mount, 'name')) ?? '');
      if (path !== undefined) mounts.push({ path, readOnly: p.bool(p.get(mount, 'readOnly')) === true });
    }
  }
  // A CSI registrar names the driver's socket under the kubelet's plugins folder: the one sign a
  // HostProcess pod (which mounts nothing, it sees the host's files) gives of being a CSI node plugin.
  for (const { node } of p.containers()) {
    // $(NAME) is the container's env var NAME, as the kubelet expands it in args.
    const env = new Map(p.items(p.get(node, 'env')).map((item) => [p.text(p.get(item, 'name')) ?? '', p.text(p.get(item, 'value'))]));
    for (const arg of p.items(p.get(node, 'args'))) {
      const expanded = (p.text(arg) ?? '').replace(/\$\(([-._a-zA-Z0-9]+)\)/g, (whole, name: string) => env.get(name) ?? whole);
      const match = /^--kubelet-registration-path=(.+)$/.exec(expanded);
      if (match) mounts.push({ path: match[1], readOnly: true });
    }
  }
  const windows = p.text(p.get(p.podSpec, 'os', 'name')) === 'windows' || requiresWindows(p) || hasWindowsOptions(p);
  return { windows, kinds: agentKinds(mounts), hostPaths, runsEverywhere: runsEverywhere(p) };
}

/**
 * A Windows HostProcess container: it runs as a process on the host, with
 * the host's network and file system (the container's windowsOptions win
 * over the pod's).
 */
export function isHostProcess(p: PodContext, container: YamlNode): boolean {
  return (p.bool(p.get(container, 'securityContext', 'windowsOptions', 'hostProcess')) ?? p.bool(p.get(p.podSpec, 'securityContext', 'windowsOptions', 'hostProcess'))) === true;
}
