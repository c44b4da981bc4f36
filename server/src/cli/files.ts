/** Expands the command line's file and folder arguments into YAML files. */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { linkRefusal } from '../files/folderLinks';
import { CliError } from './io';
import { CONFIG_FILE_NAMES } from '../config/types';

/** A file a folder walk found but does not check, and why. */
export interface SkippedFile {
  path: string;
  reason: string;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * Files as given, folders walked recursively for *.yaml and *.yml (sorted, so
 * output is stable), each file once. Throws CliError for a missing input.
 * A symbolic link found in a folder is followed only when it resolves inside
 * that folder; the others come back as skipped.
 */
export function expandInputs(inputs: string[], cwd: string, skipped: SkippedFile[] = []): string[] {
  const out = new UniquePaths(cwd);
  for (const input of inputs) {
    let stats;
    try {
      stats = statSync(resolve(cwd, input));
    } catch {
      throw new CliError(`cannot read ${input}: no such file or folder`);
    }
    if (stats.isDirectory()) out.push(...walk(input, cwd, realpathSync(resolve(cwd, input)), skipped));
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

function walk(dir: string, cwd: string, realRoot: string, skipped: SkippedFile[]): string[] {
  const entries = readdirSync(resolve(cwd, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...walk(path, cwd, realRoot, skipped));
    } else if (/\.ya?ml$/i.test(entry.name) && !CONFIG_FILE_NAMES.includes(entry.name)) {
      const refused = entry.isSymbolicLink() ? linkRefusal(resolve(cwd, path), realRoot) : undefined;
      if (refused) skipped.push({ path, reason: refused });
      else out.push(path);
    }
  }
  return out;
}
