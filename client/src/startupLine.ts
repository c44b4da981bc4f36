/**
 * The line the output channel starts with: which cluster profile the
 * placement preview uses and which Kubernetes version the rules and hovers
 * follow, so a user reading the log knows what the answers are based on.
 */
/** What the start-up line says (plain data, so the wording is tested without VS Code). */
export interface StartupFacts {
  /** `daemonsetTools.activeProfile`: a workspace-relative path, or empty for the built-in sample. */
  profile: string | undefined;
  /** `daemonsetTools.kubernetesVersion` when that setting exists and is set. */
  configuredVersion: string | undefined;
  /** The version of the API model the server was built from (its `serverInfo.version`, e.g. "Kubernetes 1.36"). */
  serverVersion: string | undefined;
}

export function startupLine({ profile, configuredVersion, serverVersion }: StartupFacts): string {
  const profileText = profile ? `cluster profile ${profile} (daemonsetTools.activeProfile)` : 'the built-in sample cluster profile (guide-cluster; pick another with "DaemonSet Tools: Select Cluster Profile")';
  const modelVersion = serverVersion?.replace(/^Kubernetes /, '');
  const versionText = configuredVersion
    ? `Kubernetes ${configuredVersion} (daemonsetTools.kubernetesVersion)`
    : modelVersion
      ? `Kubernetes ${modelVersion} (the API model the extension ships)`
      : 'the Kubernetes version of the API model the extension ships';
  return `DaemonSet Tools started: placement on ${profileText}; rules, completion and hover follow ${versionText}.`;
}
