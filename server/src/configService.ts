/**
 * The team's `.daemonset-tools.yaml` in the language server: found for each
 * document as the CLI finds it (the nearest one in its folder or above), read
 * from disk (what is saved is what CI uses) and read again when a
 * configuration file changes, appears or goes away (the server watches them).
 */
import { dirname, resolve } from 'node:path';
import { ConfigError, ConfigResolver, isIgnored } from './config/findConfig';
import type { ToolsConfig } from './config/types';
import type { RuleSetting } from './languageService/diagnostics';

/** Which target version applies to a manifest, and why (undefined version: the newest supported). */
export interface TargetVersionChoice {
  version?: string;
  source: 'setting' | 'config' | 'default';
  /** The `.daemonset-tools.yaml` the version comes from (source `config`). */
  configFile?: string;
}

export class ConfigService {
  private resolver = new ConfigResolver();
  /** Per folder: its configuration, or undefined when the file that applies has errors. */
  private readonly byFolder = new Map<string, ToolsConfig | undefined>();
  /** Files whose errors were said in the log (once per file and version). */
  private readonly reported = new Set<string>();

  constructor(private readonly log: (message: string) => void) {}

  /**
   * The configuration for a file: the defaults when there is none, undefined
   * when the nearest one has errors (the CLI refuses such a file; the editor
   * then applies none of it, and underlines the problems in the file).
   */
  forFile(path: string): ToolsConfig | undefined {
    const folder = dirname(path);
    if (this.byFolder.has(folder)) return this.byFolder.get(folder);
    let config: ToolsConfig | undefined;
    try {
      config = this.resolver.forFolder(folder);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (!this.reported.has(error.path)) this.log(`${error.message}\nIts settings are not applied until it is fixed (the CLI refuses it too).`);
      this.reported.add(error.path);
    }
    this.byFolder.set(folder, config);
    return config;
  }

  /**
   * The rule settings for a manifest: the file's, with the workspace settings
   * over them rule by rule (as `--rule` wins over the file on the command
   * line); undefined when the file's `ignore:` excludes the manifest.
   */
  rulesFor(path: string, settings: Record<string, RuleSetting>): Record<string, RuleSetting> | undefined {
    const config = this.forFile(path);
    if (!config) return settings;
    if (isIgnored(config, path)) return undefined;
    return Object.assign(Object.create(null) as Record<string, RuleSetting>, config.rules, settings);
  }

  /**
   * The target Kubernetes version of a manifest and where it comes from,
   * decided as rule severities are: the `daemonsetTools.kubernetesVersion`
   * setting when it names a supported version (as `--kubernetes-version` wins
   * in CI), else the file's `kubernetesVersion`, else none (the newest).
   */
  versionFor(path: string | undefined, setting: string, supported: readonly string[]): TargetVersionChoice {
    if (setting && supported.includes(setting)) return { version: setting, source: 'setting' };
    const config = path ? this.forFile(path) : undefined;
    if (config?.kubernetesVersion && config.path) return { version: config.kubernetesVersion, source: 'config', configFile: config.path };
    return { source: 'default' };
  }

  /**
   * The cluster profile the file's `profile:` names for a manifest (absolute:
   * it is relative to the file's folder), with the file naming it; undefined
   * when none applies.
   */
  profileFor(path: string | undefined): { profile: string; configFile: string } | undefined {
    const config = path ? this.forFile(path) : undefined;
    if (!config?.profile || !config.path) return undefined;
    return { profile: resolve(dirname(config.path), config.profile), configFile: config.path };
  }

  /** A configuration file changed, appeared or went away: read them all again when next needed. */
  invalidate(): void {
    this.resolver = new ConfigResolver();
    this.byFolder.clear();
    this.reported.clear();
  }
}
