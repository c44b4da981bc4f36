/**
 * The baseline in the editor (`daemonsetTools.baseline.file`): which findings
 * of a document `check --baseline` would not fail on, matched exactly as the
 * CLI matches them (baseline/baseline.ts: file, object, YAML path and rule,
 * each entry covering up to its count), so the editor can dim or hide them.
 * Read once, and again when the file changes (the server watches it).
 */
import { isAbsolute, join } from 'node:path';
import type { BaselineEntry } from './baseline/baseline';
import { BASELINE_VERSION, BaselineMatcher, baselineFilePath, entryKey, parseBaseline } from './baseline/baseline';
import { readTextFile } from './files/readTextFile';
import type { Finding } from './languageService/diagnostics';
import type { YamlFile } from './languageService/yamlModel';

/** The largest baseline file read (a big repository's baseline is a few MB). */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

type Loaded = { path: string; entries: Map<string, BaselineEntry[]> } | { path: string; error: string };

export class BaselineService {
  private loaded: Loaded | undefined;
  private configured = '';

  constructor(private readonly log: (message: string) => void) {}

  /** The baseline's absolute path for the setting's value (relative to the first workspace folder), or undefined for none. */
  static resolve(setting: string, folders: readonly string[]): string | undefined {
    if (!setting) return undefined;
    return isAbsolute(setting) || folders.length === 0 ? setting : join(folders[0], setting);
  }

  /** The file the baseline is read from (the setting changed, or the file did): read again when next needed. */
  use(path: string | undefined): void {
    if ((path ?? '') === this.configured) return;
    this.configured = path ?? '';
    this.loaded = undefined;
  }

  /** The baseline file changed on disk. */
  invalidate(): void {
    this.loaded = undefined;
  }

  get path(): string | undefined {
    return this.configured || undefined;
  }

  /** Whether the baseline records any finding of the file (when not, no finding of it needs matching). */
  covers(path: string): boolean {
    const loaded = this.load();
    return !!loaded && !('error' in loaded) && loaded.entries.has(baselineFilePath(loaded.path, path));
  }

  /** For each finding of a file, whether the baseline records it. */
  recorded(path: string, file: YamlFile, findings: readonly Finding[]): boolean[] {
    const loaded = this.load();
    if (!loaded || 'error' in loaded) return findings.map(() => false);
    const relative = baselineFilePath(loaded.path, path);
    const entries = loaded.entries.get(relative);
    if (!entries) return findings.map(() => false);
    // a matcher per run: each entry covers at most `count` findings, as in the CLI
    const matcher = new BaselineMatcher({ version: BASELINE_VERSION, findings: entries });
    return findings.map((finding) => matcher.take(entryKey(relative, file, finding)));
  }

  private load(): Loaded | undefined {
    if (!this.configured) return undefined;
    if (this.loaded) return this.loaded;
    const path = this.configured;
    const read = readTextFile(path, { maxBytes: MAX_BASELINE_BYTES });
    try {
      if (!read.ok) throw new Error(read.message);
      const entries = new Map<string, BaselineEntry[]>();
      for (const entry of parseBaseline(read.text).findings) entries.set(entry.file, [...(entries.get(entry.file) ?? []), entry]);
      this.loaded = { path, entries };
    } catch (error) {
      this.loaded = { path, error: (error as Error).message };
      this.log(`Cannot use the baseline ${path}: ${(error as Error).message}. Findings are shown as if there were none (write one with \`daemonset-tools check --write-baseline ${path}\`).`);
    }
    return this.loaded;
  }
}
