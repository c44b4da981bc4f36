/**
 * `check --baseline <file>` / `--write-baseline <file>`: the baseline file on
 * disk, with paths relative to the baseline's folder (so it holds wherever
 * CI checks out the repository).
 */
import { writeFileSync } from 'node:fs';
import { readTextFile } from '../files/readTextFile';
import { resolve } from 'node:path';
import type { BaselineEntry } from '../baseline/baseline';
import { BaselineMatcher, baselineFilePath, entryKey, makeBaseline, parseBaseline } from '../baseline/baseline';
import type { Finding } from '../languageService/diagnostics';
import type { YamlFile } from '../languageService/yamlModel';
import { CliError } from './io';

export interface BaselineRun {
  /** The file's findings, those the baseline knows marked as suppressed by it. */
  apply(path: string, file: YamlFile, findings: Finding[]): Finding[];
  /** Writes the recorded baseline (with --write-baseline); whether it did. */
  write(): boolean;
  summary(): string;
}

export function openBaseline(read: string | undefined, write: string | undefined, cwd: string): BaselineRun {
  if (read !== undefined && write !== undefined) throw new CliError('--baseline and --write-baseline cannot be combined');
  const path = read ?? write;
  if (path === undefined) return { apply: (_path, _file, findings) => findings, write: () => false, summary: () => '' };
  const absolute = resolve(cwd, path);
  const relativePath = (file: string) => baselineFilePath(absolute, file);
  if (write !== undefined) {
    const recorded: Array<Omit<BaselineEntry, 'count'>> = [];
    return {
      apply(file, yaml, findings) {
        for (const finding of findings) if (finding.suppressedBy === undefined) recorded.push(entryKey(relativePath(file), yaml, finding));
        return findings;
      },
      write() {
        writeFileSync(absolute, `${JSON.stringify(makeBaseline(recorded), null, 2)}\n`);
        return true;
      },
      summary: () => `${path} with ${recorded.length} finding${recorded.length === 1 ? '' : 's'}`,
    };
  }
  let matcher: BaselineMatcher;
  const baseline = readTextFile(absolute);
  if (!baseline.ok) throw new CliError(`cannot use the baseline ${path}: ${baseline.message}`);
  try {
    matcher = new BaselineMatcher(parseBaseline(baseline.text));
  } catch (error) {
    throw new CliError(`cannot use the baseline ${path}: ${(error as Error).message}`);
  }
  return {
    apply: (file, yaml, findings) =>
      findings.map((finding) => (finding.suppressedBy === undefined && matcher.take(entryKey(relativePath(file), yaml, finding)) ? { ...finding, suppressedBy: `baseline ${path}` } : finding)),
    write: () => false,
    summary: () => '',
  };
}
