/**
 * Annotations of other linters that a team may already have on its objects:
 * where one of their checks is the same finding as one of our rules, their
 * exemption silences ours too (README: "Suppressions"). Only best-practice
 * rules appear here: neither tool can vouch that the API server accepts a
 * manifest.
 */
export interface ExternalCheck {
  tool: 'kube-linter' | 'Polaris';
  check: string;
  rules: string[];
  matches(key: string, value: string): boolean;
}

const KUBE_LINTER: Array<[string, string[]]> = [
  ['latest-tag', ['image-tag']],
  ['no-liveness-probe', ['no-liveness-probe']],
  ['no-readiness-probe', ['no-readiness-probe']],
  ['privileged-container', ['privileged']],
  ['privilege-escalation-container', ['privilege-escalation']],
  ['run-as-non-root', ['run-as-root']],
  ['no-read-only-root-fs', ['writable-root-filesystem']],
  ['unset-cpu-requirements', ['no-resource-requests']],
  ['unset-memory-requirements', ['no-resource-requests', 'no-memory-limit']],
  ['host-network', ['host-namespaces']],
  ['host-pid', ['host-namespaces']],
  ['host-ipc', ['host-namespaces']],
  ['sensitive-host-mounts', ['writable-host-path']],
  ['writable-host-mount', ['writable-host-path']],
];

const POLARIS: Array<[string, string[]]> = [
  ['tagNotSpecified', ['image-tag']],
  ['livenessProbeMissing', ['no-liveness-probe']],
  ['readinessProbeMissing', ['no-readiness-probe']],
  ['runAsPrivileged', ['privileged']],
  ['privilegeEscalationAllowed', ['privilege-escalation']],
  ['runAsRootAllowed', ['run-as-root']],
  ['notReadOnlyRootFilesystem', ['writable-root-filesystem']],
  ['cpuRequestsMissing', ['no-resource-requests']],
  ['memoryRequestsMissing', ['no-resource-requests']],
  ['memoryLimitsMissing', ['no-memory-limit']],
  ['hostNetworkSet', ['host-namespaces']],
  ['hostPIDSet', ['host-namespaces']],
  ['hostIPCSet', ['host-namespaces']],
  ['hostPathSet', ['writable-host-path']],
];

export const EXTERNAL_CHECKS: ExternalCheck[] = [
  // kube-linter: `ignore-check.kube-linter.io/<check>: "<why>"` (any value)
  ...KUBE_LINTER.map(([check, rules]): ExternalCheck => ({ tool: 'kube-linter', check, rules, matches: (key) => key === `ignore-check.kube-linter.io/${check}` })),
  // Polaris: `polaris.fairwinds.com/<check>-exempt: "true"`
  ...POLARIS.map(([check, rules]): ExternalCheck => ({ tool: 'Polaris', check, rules, matches: (key, value) => key === `polaris.fairwinds.com/${check}-exempt` && value === 'true' })),
];
