/** Expands the command line's file and folder arguments into YAML files. */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from './io';
import { CONFIG_FILE_NAMES } from '../config/types';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * Files as given, folders walked recursively for *.yaml and *.yml (sorted, so
 * output is stable), each file once. Throws CliError for a missing input.
 */
export function expandInputs(inputs: string[], cwd: string): string[] {
  const out = new UniquePaths(cwd);
  for (const input of inputs) {
    let stats;
    try {
      stats = statSync(resolve(cwd, input));
    } catch {
      throw new CliError(`cannot read ${input}: no such file or folder`);
    }
    if (stats.isDirectory()) out.push(...walk(input, cwd));
    else out.push(input);
  }
  return out.paths;
}

/** Paths in the order first given; a file named twice (or also found in a named folder) is kept once. */
class UniquePaths {
  readonly paths: string[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly cwd: string) {}
  push(...paths: string[]): void {
    for (const path of paths) {
      const key = resolve(this.cwd, path);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.paths.push(path);
    }
  }
}

function walk(dir: string, cwd: string): string[] {
  const entries = readdirSync(resolve(cwd, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...walk(path, cwd));
    } else if (/\.ya?ml$/i.test(entry.name) && !CONFIG_FILE_NAMES.includes(entry.name)) {
      out.push(path);
    }
  }
  return out;
}
