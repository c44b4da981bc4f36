/**
 * The team's `.daemonset-tools.yaml` in the language server: found for each
 * document as the CLI finds it (the nearest one in its folder or above), read
 * from disk (what is saved is what CI uses) and read again when a
 * configuration file changes, appears or goes away (the server watches them).
 */
import { dirname } from 'node:path';
import { ConfigError, ConfigResolver, isIgnored } from './config/findConfig';
import type { ToolsConfig } from './config/types';
import type { RuleSetting } from './languageService/diagnostics';

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

  /** A configuration file changed, appeared or went away: read them all again when next needed. */
  invalidate(): void {
    this.resolver = new ConfigResolver();
    this.byFolder.clear();
    this.reported.clear();
  }
}
