/**
 * Where a program named in `.daemonset-tools.yaml` (`helm.path`,
 * `kustomize.kubectlPath`) is: a bare
 * name (`helm`, `helm3`) is looked up on PATH when it runs, as a shell and
 * the `daemonsetTools.helmPath` setting take it; a path (`./bin/helm`,
 * `tools/helm`, `/usr/local/bin/helm`) is relative to the configuration
 * file's folder, so a team's file means the same on every machine.
 */
import { dirname, isAbsolute, resolve } from 'node:path';

export function programPath(configured: string, configPath: string | undefined): string {
  if (!/[\\/]/.test(configured) || isAbsolute(configured) || !configPath) return configured;
  return resolve(dirname(configPath), configured);
}
