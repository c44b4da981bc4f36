/**
 * Security context rules of the API server: validatePodSpecSecurityContext
 * (IDs, shareProcessNamespace with hostPID, sysctls, seccomp, AppArmor,
 * Windows options), ValidateSecurityContext (IDs, procMount, seccomp,
 * allowPrivilegeEscalation false with privileged or CAP_SYS_ADMIN),
 * validateHostUsers, validateSELinuxChangePolicy and validateWindowsHostProcessPod.
 */
import { isMap } from 'yaml';
import type { DocumentRule } from '../types';
import { dns1123SubdomainProblem, idProblem } from './names';
import { localDescendingPathProblem } from './mountRules';
import { PodContext } from './podContext';

const CODE = 'invalid-security-context';
const SYSCTL = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
/** utilsysctl.GetNamespace: the IPC-namespaced sysctls. */
const IPC_SYSCTLS = new Set(['kernel.shm_rmid_forced', 'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni']);

function checkIds(p: PodContext, context: unknown, where: string, fields: string[]): void {
  for (const field of fields) {
    const node = p.get(context, field);
    const value = p.number(node);
    const problem = value === undefined ? undefined : idProblem(value);
    if (problem) p.report(CODE, 'error', `${where}.${field} ${value} ${problem}`, node);
  }
}

/** validateSeccompProfileField and ValidateAppArmorProfileField (same shape: type + localhostProfile). */
function checkProfile(p: PodContext, context: unknown, field: 'seccompProfile' | 'appArmorProfile', where: string): void {
  const profile = p.get(context, field);
  if (!isMap(profile)) return;
  const type = p.text(p.get(profile, 'type')) ?? '';
  const localNode = p.get(profile, 'localhostProfile');
  const local = p.text(localNode);
  if (type === 'Localhost') {
    if (local === undefined || local.trim() === '') p.report(CODE, 'error', `${where}.${field}.localhostProfile is required when type is Localhost: add the profile's path`, localNode ?? p.keyOf(profile, 'type'));
    else if (field === 'seccompProfile') {
      const problem = localDescendingPathProblem(local);
      if (problem) p.report(CODE, 'error', `${where}.seccompProfile.localhostProfile "${local}" ${problem}`, localNode);
    } else {
      if (local !== local.trim()) p.report(CODE, 'error', `${where}.appArmorProfile.localhostProfile must not be padded with whitespace: remove the spaces`, localNode);
      if (local.length > 4095) p.report(CODE, 'error', `${where}.appArmorProfile.localhostProfile may not be longer than 4095 characters: shorten it`, localNode);
    }
  } else if (localNode !== null && local !== undefined && type !== '') {
    p.report(CODE, 'error', `${where}.${field}.localhostProfile is only allowed when type is Localhost: remove it, or set type: Localhost`, localNode);
  }
}

const NETBIOS_DOMAIN = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const DNS_DOMAIN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** validateWindowsSecurityContextOptions */
function checkWindowsOptions(p: PodContext, context: unknown, where: string): void {
  const options = p.get(context, 'windowsOptions');
  if (!isMap(options)) return;
  const specNameNode = p.get(options, 'gmsaCredentialSpecName');
  const specName = p.text(specNameNode);
  const specNameProblem = specName === undefined ? undefined : dns1123SubdomainProblem(specName);
  if (specNameProblem) p.report(CODE, 'error', `${where}.windowsOptions.gmsaCredentialSpecName "${specName}" ${specNameProblem}`, specNameNode);
  const specNode = p.get(options, 'gmsaCredentialSpec');
  const spec = p.text(specNode);
  if (spec === '') p.report(CODE, 'error', `${where}.windowsOptions.gmsaCredentialSpec cannot be an empty string: remove it, or write the spec`, specNode);
  else if (spec !== undefined && Buffer.byteLength(spec) > 64 * 1024) p.report(CODE, 'error', `${where}.windowsOptions.gmsaCredentialSpec size must be under 64 KiB: shorten it`, specNode);
  const userNode = p.get(options, 'runAsUserName');
  const user = p.text(userNode);
  if (user === undefined) return;
  const problem = runAsUserNameProblem(user);
  if (problem) p.report(CODE, 'error', `${where}.windowsOptions.runAsUserName "${user}": ${problem}`, userNode);
}

function runAsUserNameProblem(value: string): string | undefined {
  if (value === '') return 'cannot be an empty string: write a user name, or remove it';
  if (/[\x00-\x1f\x7f]/.test(value)) return 'cannot contain control characters: remove them';
  const parts = value.split('\\');
  if (parts.length > 2) return 'cannot contain more than one backslash: write DOMAIN\\user';
  const [domain, user] = parts.length === 2 ? parts : ['', parts[0]];
  if (domain.length >= 256) return "the domain's length must be under 256 characters: shorten it";
  if (parts.length === 2 && !NETBIOS_DOMAIN.test(domain) && !DNS_DOMAIN.test(domain)) return "the domain is neither a NetBIOS nor a DNS name: correct it";
  if (user === '') return 'the user cannot be empty: write it after the backslash';
  if (user.length > 104) return 'the user must not be longer than 104 characters: shorten it';
  if (/^[. ]+$/.test(user)) return 'the user cannot contain only periods or spaces: correct it';
  if (/["/\\:;|=,+*?<>@[\]]/.test(user)) return 'the user cannot contain the characters "/\\:;|=,+*?<>@[]: remove them';
  return undefined;
}

function checkSysctls(p: PodContext, podSecurity: unknown): void {
  const hostNetwork = p.bool(p.get(p.podSpec, 'hostNetwork')) === true;
  const hostIPC = p.bool(p.get(p.podSpec, 'hostIPC')) === true;
  const seen = new Set<string>();
  for (const item of p.items(p.get(podSecurity, 'sysctls'))) {
    const nameNode = p.get(item, 'name');
    const name = p.text(nameNode);
    if (name === undefined || name === '') continue; // missing names are the schema rule's
    if (name.length > 253 || !SYSCTL.test(name)) p.report(CODE, 'error', `sysctl "${name}" is not a sysctl name: use at most 253 characters of dot- or slash-separated lower case segments (e.g. net.ipv4.ip_forward)`, nameNode);
    else if (seen.has(name)) p.report(CODE, 'error', `sysctl "${name}" is set twice: remove one`, nameNode);
    else {
      const normalized = name.replace(/\//g, '.');
      if (hostNetwork && normalized.startsWith('net.')) p.report(CODE, 'error', `sysctl "${name}" is not allowed with hostNetwork: true (it would change the node's network namespace): remove it, or drop hostNetwork`, nameNode);
      if (hostIPC && (IPC_SYSCTLS.has(normalized) || normalized.startsWith('fs.mqueue.'))) p.report(CODE, 'error', `sysctl "${name}" is not allowed with hostIPC: true (it would change the node's IPC namespace): remove it, or drop hostIPC`, nameNode);
    }
    seen.add(name);
  }
}

function checkHostProcess(p: PodContext, podSecurity: unknown): void {
  const podHostProcess = p.bool(p.get(podSecurity, 'windowsOptions', 'hostProcess'));
  const containers = p.containers();
  let hostProcessCount = 0;
  for (const { node } of containers) {
    const own = p.get(node, 'securityContext', 'windowsOptions', 'hostProcess');
    const value = p.bool(own);
    if (podHostProcess !== undefined && value !== undefined && value !== podHostProcess) p.report(CODE, 'error', `windowsOptions.hostProcess must be identical in the pod and its containers when both are set (the pod says ${podHostProcess}): make them the same, or remove this one`, own);
    if (value ?? podHostProcess) hostProcessCount++;
  }
  if (hostProcessCount === 0) return;
  const at = p.get(podSecurity, 'windowsOptions', 'hostProcess') ?? p.keyOf(p.podSpec, 'containers');
  if (hostProcessCount !== containers.length) p.report(CODE, 'error', 'a pod with any hostProcess container must have only hostProcess containers: set windowsOptions.hostProcess: true on all of them, or on none', at);
  if (p.bool(p.get(p.podSpec, 'hostNetwork')) !== true) p.report(CODE, 'error', 'a pod with hostProcess containers needs hostNetwork: true: set it', p.get(p.podSpec, 'hostNetwork') ?? at);
}

export const securityContextRules: DocumentRule = {
  kinds: ['DaemonSet'],
  codes: [
    { code: CODE, defaultSeverity: 'error', description: 'User and group IDs out of range, allowPrivilegeEscalation false with privileged or CAP_SYS_ADMIN, bad or duplicate sysctls (net.* with hostNetwork), seccomp/AppArmor Localhost without a profile, procMount Unmasked with host users, hostUsers false with host namespaces or volumeDevices, seLinuxChangePolicy other than Recursive, shareProcessNamespace with hostPID, Windows options and hostProcess pods.' },
  ],
  check(ctx) {
    const p = PodContext.of(ctx);
    const spec = p.podSpec;
    if (!isMap(spec)) return;
    const podSecurity = p.get(spec, 'securityContext');
    const hostUsers = p.bool(p.get(spec, 'hostUsers')) !== false;
    checkIds(p, podSecurity, 'securityContext', ['fsGroup', 'runAsUser', 'runAsGroup']);
    for (const gid of p.items(p.get(podSecurity, 'supplementalGroups'))) {
      const value = p.number(gid);
      const problem = value === undefined ? undefined : idProblem(value);
      if (problem) p.report(CODE, 'error', `securityContext.supplementalGroups ${value} ${problem}`, gid);
    }
    if (p.bool(p.get(spec, 'shareProcessNamespace')) === true && p.bool(p.get(spec, 'hostPID')) === true) {
      p.report(CODE, 'error', 'shareProcessNamespace and hostPID cannot both be enabled: turn one off', p.get(spec, 'shareProcessNamespace'));
    }
    checkSysctls(p, podSecurity);
    checkProfile(p, podSecurity, 'seccompProfile', 'securityContext');
    checkProfile(p, podSecurity, 'appArmorProfile', 'securityContext');
    checkWindowsOptions(p, podSecurity, 'securityContext');
    if (!hostUsers) {
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
        if (p.bool(p.get(spec, field)) === true) p.report(CODE, 'error', `${field} is forbidden when hostUsers is false (a user namespace cannot share the node's namespaces): remove one of them`, p.get(spec, field));
      }
      // validateHostUsers: block devices are neither idmapped nor chowned in a user namespace
      for (const { node } of p.containers()) {
        if (p.items(p.get(node, 'volumeDevices')).length > 0) p.report(CODE, 'error', `container "${p.text(p.get(node, 'name')) ?? ''}": volumeDevices are forbidden when hostUsers is false: remove them, or drop hostUsers: false`, p.keyOf(node, 'volumeDevices'));
      }
    }
    // validateSELinuxChangePolicy: while SELinuxMount is off (beta, off by default in 1.35) only Recursive is accepted on create
    const seLinuxChange = p.get(podSecurity, 'seLinuxChangePolicy');
    const seLinuxValue = p.text(seLinuxChange);
    if (seLinuxValue !== undefined && seLinuxValue !== 'Recursive') p.report(CODE, 'error', `securityContext.seLinuxChangePolicy "${seLinuxValue}" is not supported: only Recursive is accepted while the SELinuxMount feature gate is off (the default): use Recursive or remove it`, seLinuxChange);
    for (const { node } of p.containers()) {
      const security = p.get(node, 'securityContext');
      if (!isMap(security)) continue;
      const where = `container "${p.text(p.get(node, 'name')) ?? ''}" securityContext`;
      checkIds(p, security, where, ['runAsUser', 'runAsGroup']);
      if (p.text(p.get(security, 'procMount')) === 'Unmasked' && hostUsers) p.report(CODE, 'error', `${where}: procMount Unmasked needs hostUsers: false in the pod spec: set it, or use procMount Default`, p.get(security, 'procMount'));
      checkProfile(p, security, 'seccompProfile', where);
      checkProfile(p, security, 'appArmorProfile', where);
      checkWindowsOptions(p, security, where);
      if (p.bool(p.get(security, 'allowPrivilegeEscalation')) === false) {
        if (p.bool(p.get(security, 'privileged')) === true) p.report(CODE, 'error', `${where}: allowPrivilegeEscalation: false contradicts privileged: true: remove one of them`, p.get(security, 'allowPrivilegeEscalation'));
        for (const cap of p.items(p.get(security, 'capabilities', 'add'))) {
          if (p.text(cap) === 'CAP_SYS_ADMIN') p.report(CODE, 'error', `${where}: allowPrivilegeEscalation: false contradicts the capability CAP_SYS_ADMIN: remove one of them`, cap);
        }
      }
    }
    checkHostProcess(p, podSecurity);
  },
};
