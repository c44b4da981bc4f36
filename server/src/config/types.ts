/**
 * The team's configuration, shared by the editor and CI:
 * `.daemonset-tools.yaml`, found by walking up from the checked file.
 * The JSON Schema users see is schemas/daemonsetTools.config.schema.json.
 */
import type { RuleSetting } from '../languageService/diagnostics';

export interface ToolsConfig {
  /** The config file's path (undefined: no file, the defaults). */
  path?: string;
  /** The Kubernetes version the team's clusters run, e.g. `1.33`. */
  kubernetesVersion?: string;
  /** Severity or `off` per rule id. */
  rules: Record<string, RuleSetting>;
  /** Globs of files not to check, relative to the config file's folder. */
  ignore: string[];
  /** The default cluster profile of `place` and the placement preview, relative to the config file's folder. */
  profile?: string;
  helm: { path?: string; values?: string[]; set?: string[]; release?: string; namespace?: string; engine?: 'helm' | 'builtin' };
  kustomize: { kubectlPath?: string; engine?: 'kubectl' | 'builtin' };
}

export interface ConfigProblem {
  message: string;
  /** 1-based. */
  line: number;
  column: number;
  /** File offsets of what is wrong (the editor underlines them); absent when the file cannot be read at all. */
  start?: number;
  end?: number;
  /**
   * `warning`: the file is still used (a glob that can match nothing); the
   * CLI refuses a file only for errors (no severity).
   */
  severity?: 'warning';
}

export const CONFIG_FILE_NAMES = ['.daemonset-tools.yaml', '.daemonset-tools.yml'];
