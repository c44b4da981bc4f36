/**
 * Finds the `.daemonset-tools.yaml` that applies to a file: the nearest one in
 * the file's folder or the folders above it (as .editorconfig and ESLint's
 * flat config are found), read once per folder.
 */
import { dirname, join, relative, resolve, sep } from 'node:path';
import { existsSync } from 'node:fs';
import { readTextFile } from '../files/readTextFile';
import { globToRegExp, matchesAny } from './glob';
import { emptyConfig, readConfig } from './readConfig';
import type { ConfigProblem, ToolsConfig } from './types';
import { CONFIG_FILE_NAMES } from './types';

/** The largest configuration file read (a config is a few lines). */
const MAX_CONFIG_BYTES = 1024 * 1024;

export class ConfigError extends Error {
  constructor(readonly path: string, readonly problems: ConfigProblem[]) {
    super(`invalid configuration ${path}:\n${problems.map((p) => `  ${path}:${p.line}:${p.column} ${p.message}`).join('\n')}`);
  }
}

/** Reads one configuration file; throws ConfigError when it has problems. */
export function loadConfigFile(path: string): ToolsConfig {
  // type and size checked on the opened file, read with a bound (files/readTextFile.ts)
  const read = readTextFile(path, { maxBytes: MAX_CONFIG_BYTES });
  if (!read.ok) throw new ConfigError(path, [{ message: read.message, line: 1, column: 1 }]);
  const { config, problems } = readConfig(read.text, path);
  const errors = problems.filter((p) => p.severity === undefined);
  if (errors.length) throw new ConfigError(path, errors);
  return config;
}

/** The configuration file of a folder, or of the nearest folder above it; undefined when none. */
export function findConfigPath(folder: string): string | undefined {
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Configurations by folder, for a run over many files (the CLI). `explicit` is `--config`: then it applies to every file. */
export class ConfigResolver {
  private readonly byPath = new Map<string, ToolsConfig>();
  private readonly explicitConfig: ToolsConfig | undefined;

  constructor(explicit?: string) {
    if (explicit !== undefined && !existsSync(explicit)) throw new ConfigError(explicit, [{ message: 'no such file', line: 1, column: 1 }]);
    this.explicitConfig = explicit === undefined ? undefined : loadConfigFile(resolve(explicit));
  }

  /** The configuration for a file (the defaults when there is no file). */
  forFile(file: string): ToolsConfig {
    return this.forFolder(dirname(resolve(file)));
  }

  /** The configuration for the files of a folder. */
  forFolder(folder: string): ToolsConfig {
    if (this.explicitConfig) return this.explicitConfig;
    const path = findConfigPath(folder);
    if (!path) return emptyConfig();
    let config = this.byPath.get(path);
    if (!config) {
      config = loadConfigFile(path);
      this.byPath.set(path, config);
    }
    return config;
  }
}

/** Whether the configuration's `ignore` globs exclude the file. */
export function isIgnored(config: ToolsConfig, file: string): boolean {
  if (!config.path || config.ignore.length === 0) return false;
  const rel = relative(dirname(config.path), resolve(file)).split(sep).join('/');
  if (rel.startsWith('../')) return false;
  return matchesAny(rel, config.ignore.map(globToRegExp));
}
