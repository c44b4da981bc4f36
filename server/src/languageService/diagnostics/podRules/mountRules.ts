/**
 * Volume mount and device rules of the API server (ValidateVolumeMounts,
 * validateMountPropagation, validateMountRecursiveReadOnly,
 * validateLocalDescendingPath, ValidateVolumeDevices). Unknown volume names
 * and duplicate mount paths are the container rules'.
 */
import type { DocumentRule } from '../types';
import type { ContainerNode } from './podContext';
import { PodContext } from './podContext';

/** validateLocalDescendingPath: relative, without a '..' element. */
export function localDescendingPathProblem(path: string): string | undefined {
  if (path.startsWith('/')) return 'must be a relative path: remove the leading /';
  return backstepProblem(path);
}

/** validatePathNoBacksteps: no '..' element (with '/' or '\\' as separator). */
export function backstepProblem(path: string): string | undefined {
  return path.replace(/\\/g, '/').split('/').includes('..') ? "must not contain '..': use a path inside the volume" : undefined;
}

const RECURSIVE_READ_ONLY = ['Disabled', 'Enabled', 'IfPossible'];

function checkMounts(p: PodContext, { node, list }: ContainerNode, blockVolumes: Set<string>): void {
  const privileged = p.bool(p.get(node, 'securityContext', 'privileged')) === true;
  const devices = p.items(p.get(node, 'volumeDevices'));
  const deviceNames = new Set(devices.map((d) => p.text(p.get(d, 'name')) ?? ''));
  const devicePaths = new Set(devices.map((d) => p.text(p.get(d, 'devicePath')) ?? ''));
  for (const mount of p.items(p.get(node, 'volumeMounts'))) {
    const name = p.text(p.get(mount, 'name')) ?? '';
    const mountPath = p.text(p.get(mount, 'mountPath')) ?? '';
    if (name !== '' && deviceNames.has(name)) p.report('invalid-volume-mount', 'error', `volume "${name}" is already used in volumeDevices (a volume is either mounted or a block device): remove one of them`, p.get(mount, 'name'));
    if (mountPath !== '' && devicePaths.has(mountPath)) p.report('invalid-volume-mount', 'error', `mountPath "${mountPath}" is already a devicePath in volumeDevices: use another path`, p.get(mount, 'mountPath'));
    const propagationNode = p.get(mount, 'mountPropagation');
    const propagation = p.text(propagationNode);
    if (propagation === 'Bidirectional' && !privileged) {
      p.report('invalid-volume-mount', 'error', 'mountPropagation Bidirectional is available only to privileged containers: set securityContext.privileged: true or use HostToContainer', propagationNode);
    }
    const subPath = p.text(p.get(mount, 'subPath')) ?? '';
    const subPathExpr = p.text(p.get(mount, 'subPathExpr')) ?? '';
    for (const [field, value] of [['subPath', subPath], ['subPathExpr', subPathExpr]]) {
      const problem = value === '' ? undefined : localDescendingPathProblem(value);
      if (problem) p.report('invalid-volume-mount', 'error', `${field} "${value}" ${problem}`, p.get(mount, field));
      if (value !== '' && list === 'ephemeralContainers') p.report('invalid-volume-mount', 'error', `${field} cannot be set for an ephemeral container: remove it`, p.get(mount, field));
    }
    if (subPath !== '' && subPathExpr !== '') p.report('invalid-volume-mount', 'error', 'subPathExpr and subPath are mutually exclusive: keep one', p.keyOf(mount, 'subPathExpr'));
    const rroNode = p.get(mount, 'recursiveReadOnly');
    const rro = p.text(rroNode);
    if (rro !== undefined && !RECURSIVE_READ_ONLY.includes(rro)) p.report('invalid-volume-mount', 'error', `recursiveReadOnly "${rro}" is not supported: use ${RECURSIVE_READ_ONLY.join(', ')}`, rroNode);
    if (rro === 'Enabled' || rro === 'IfPossible') {
      if (p.bool(p.get(mount, 'readOnly')) !== true) p.report('invalid-volume-mount', 'error', 'recursiveReadOnly needs readOnly: true: set it, or remove recursiveReadOnly', rroNode);
      if (propagation !== undefined && propagation !== 'None') p.report('invalid-volume-mount', 'error', 'recursiveReadOnly needs mountPropagation None or unset: remove one of them', rroNode);
    }
  }
  const names = new Set<string>();
  const paths = new Set<string>();
  for (const device of devices) {
    const nameNode = p.get(device, 'name');
    const name = p.text(nameNode) ?? '';
    const pathNode = p.get(device, 'devicePath');
    const path = p.text(pathNode) ?? '';
    if (name !== '') {
      if (names.has(name)) p.report('invalid-volume-mount', 'error', `volumeDevices name "${name}" is listed twice: remove one`, nameNode);
      if (!blockVolumes.has(name)) p.report('invalid-volume-mount', 'error', `volumeDevices name "${name}" is not a persistentVolumeClaim or ephemeral volume of the pod: use the name of one (block mode)`, nameNode);
      names.add(name);
    }
    if (path !== '') {
      if (paths.has(path)) p.report('invalid-volume-mount', 'error', `devicePath "${path}" is used twice: give each device its own path`, pathNode);
      if (backstepProblem(path)) p.report('invalid-volume-mount', 'error', `devicePath "${path}" can not contain backsteps ('..'): remove them`, pathNode);
      paths.add(path);
    }
  }
}

export const mountRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: 'invalid-volume-mount', defaultSeverity: 'error', description: 'mountPropagation Bidirectional in a container that is not privileged, subPath/subPathExpr absolute, with `..` or both set, recursiveReadOnly without readOnly, volumeDevices that are not PVC-backed, unique or apart from the mounts.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    const blockVolumes = new Set(
      p.items(p.get(p.podSpec, 'volumes'))
        .filter((v) => p.get(v, 'persistentVolumeClaim') !== null || p.get(v, 'ephemeral') !== null)
        .map((v) => p.text(p.get(v, 'name')) ?? ''),
    );
    for (const container of p.containers()) checkMounts(p, container, blockVolumes);
  },
};
