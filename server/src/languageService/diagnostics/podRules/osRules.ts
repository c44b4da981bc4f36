/**
 * spec.os rules of the API server (validateOS, validateLinux,
 * validateWindows): a pod that says which OS it runs on may not set the
 * other OS's security fields.
 */
import { isMap } from 'yaml';
import type { DocumentRule } from '../types';
import { PodContext } from './podContext';

const CODE = 'invalid-os-field';
/** validateWindows: pod-level fields, under spec.securityContext unless marked. */
const WINDOWS_POD_SECURITY = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'fsGroup', 'fsGroupChangePolicy', 'sysctls', 'runAsUser', 'runAsGroup', 'supplementalGroups', 'supplementalGroupsPolicy', 'seLinuxChangePolicy'];
/** validateWindows: fields of spec itself (the internal type keeps them in the security context). */
const WINDOWS_POD_SPEC = ['hostUsers', 'hostPID', 'hostIPC', 'shareProcessNamespace'];
/** validateWindows: container securityContext fields. */
const WINDOWS_CONTAINER_SECURITY = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];

export const osRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: CODE, defaultSeverity: 'error', description: 'spec.os.name other than linux or windows, a Linux-only security field (runAsUser, privileged, readOnlyRootFilesystem, seccompProfile, capabilities, hostPID, …) in a pod with `os.name: windows`, or windowsOptions in a pod with `os.name: linux`.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    const spec = p.podSpec;
    const nameNode = p.get(spec, 'os', 'name');
    const os = p.text(nameNode);
    if (!isMap(spec) || os === undefined || os === '') return; // a missing name is the schema rule's
    if (os !== 'linux' && os !== 'windows') {
      p.report(CODE, 'error', `spec.os.name "${os}" is not supported: use linux or windows`, nameNode);
      return;
    }
    const podSecurity = p.get(spec, 'securityContext');
    if (os === 'linux') {
      if (p.get(podSecurity, 'windowsOptions') !== null) p.report(CODE, 'error', 'windowsOptions cannot be set for a linux pod (spec.os.name: linux): remove it', p.keyOf(podSecurity, 'windowsOptions'));
      for (const { node } of p.containers()) {
        const security = p.get(node, 'securityContext');
        if (p.get(security, 'windowsOptions') !== null) p.report(CODE, 'error', 'windowsOptions cannot be set for a linux pod (spec.os.name: linux): remove it', p.keyOf(security, 'windowsOptions'));
      }
      return;
    }
    const forbid = (parent: unknown, field: string, where: string) => {
      const pair = p.pair(parent, field);
      // A field present with null decodes to unset; false booleans are still "set" for pointers, but hostPID/hostIPC are plain bools.
      if (!pair || p.get(parent, field) === null) return;
      if ((field === 'hostPID' || field === 'hostIPC') && p.bool(p.get(parent, field)) !== true) return;
      if (field === 'sysctls' && p.items(p.get(parent, field)).length === 0) return;
      p.report(CODE, 'error', `${where}${field} cannot be set for a windows pod (spec.os.name: windows): remove it`, pair.key);
    };
    for (const field of WINDOWS_POD_SECURITY) forbid(podSecurity, field, 'securityContext.');
    for (const field of WINDOWS_POD_SPEC) forbid(spec, field, '');
    for (const { node } of p.containers()) {
      const security = p.get(node, 'securityContext');
      for (const field of WINDOWS_CONTAINER_SECURITY) forbid(security, field, `container "${p.text(p.get(node, 'name')) ?? ''}" securityContext.`);
    }
  },
};
