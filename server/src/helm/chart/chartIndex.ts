/**
 * What editor features need to know about a chart beyond the open file: the
 * names of its `define` blocks (from `*.tpl` helpers and templates, its
 * subcharts' included, since Helm shares one template namespace) and its
 * values files. Reads through a small file-access interface, so it runs on
 * Node's fs in the server and the CLI, and on plain maps in tests.
 */
import { join, relative } from 'node:path';
import { actionHead, lexTemplate, significantTokens } from '../lexer';
import { isValuesFileName } from './chartFiles';
import type { ValueEntry } from './values';
import { valueEntries } from './values';

/** The few file operations a chart index needs. */
export interface ChartFileAccess {
  /** A file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** Names (not paths) of the entries of a folder, with whether each is a folder; empty when unreadable. */
  readDir(path: string): Array<{ name: string; isDirectory: boolean }>;
}

/** A `define "name"` block: where it is, for completion details. */
export interface TemplateDefinition {
  name: string;
  /** Path of the file, relative to the chart's root. */
  file: string;
  /** 0-based line of the `define` action. */
  line: number;
}

export interface ValuesFile {
  /** Path of the file, relative to the chart's root (`values.yaml`, `values-prod.yaml`). */
  name: string;
  text: string;
  /** Every key path of the file with its value. */
  entries: ValueEntry[];
}

/**
 * What was read from each chart file, reused while its text is unchanged: a
 * completion request reads the chart again (files change behind the editor's
 * back) but parses only what changed. Owned by its user (the server), not
 * module state.
 */
export class ChartMemo {
  private readonly definitions = new Map<string, { text: string; found: TemplateDefinition[] }>();
  private readonly values = new Map<string, { text: string; entries: ValueEntry[] }>();

  definitionsIn(path: string, text: string, file: string): TemplateDefinition[] {
    const known = this.definitions.get(path);
    if (known?.text === text) return known.found;
    const found = text.includes('define') ? definitionsIn(text, file) : [];
    this.definitions.set(path, { text, found });
    return found;
  }

  valueEntries(path: string, text: string): ValueEntry[] {
    const known = this.values.get(path);
    if (known?.text === text) return known.entries;
    const entries = valueEntries(text);
    this.values.set(path, { text, entries });
    return entries;
  }
}

export interface ChartIndex {
  root: string;
  definitions: TemplateDefinition[];
  /** `values.yaml` first, then the other values files in name order, then ci/*.yaml (valuesFileNames). */
  valuesFiles: ValuesFile[];
}

/** Template folders are small; this bounds a walk through a mistaken or linked tree. */
const MAX_FILES = 2000;

/** Reads the chart at `root`: its definitions and values files (parsing only what `memo` has not seen). */
export function readChartIndex(root: string, files: ChartFileAccess, memo = new ChartMemo()): ChartIndex {
  const definitions: TemplateDefinition[] = [];
  const templateFiles = [...listTemplateFiles(join(root, 'templates'), files), ...subchartTemplateFiles(root, files)];
  for (const path of templateFiles) {
    const text = files.readFile(path);
    if (text !== undefined) definitions.push(...memo.definitionsIn(path, text, relative(root, path)));
  }
  const valuesFiles = valuesFileNames(root, files)
    .flatMap((name) => {
      const path = join(root, name);
      const text = files.readFile(path);
      return text === undefined ? [] : [{ name, text, entries: memo.valueEntries(path, text) }];
    });
  return { root, definitions, valuesFiles };
}

/**
 * The values files of the chart at `root`, relative to it: values.yaml first,
 * the other values files next to Chart.yaml by name, then the YAML files of
 * ci/ (chart-testing's). The one discovery the editor's hover, completion,
 * Select Values Files and the chart preview all use.
 */
export function valuesFileNames(root: string, files: Pick<ChartFileAccess, 'readDir'>): string[] {
  const names = (dir: string): string[] => files.readDir(dir).filter((entry) => !entry.isDirectory).map((entry) => entry.name);
  const top = names(root)
    .filter(isValuesFileName)
    .sort((a, b) => (a === 'values.yaml' ? -1 : b === 'values.yaml' ? 1 : a.localeCompare(b)));
  const ci = names(join(root, 'ci'))
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => `ci/${name}`);
  return [...top, ...ci];
}

/** The `define "name"` blocks of one template or helpers file. */
export function definitionsIn(text: string, file: string): TemplateDefinition[] {
  const out: TemplateDefinition[] = [];
  for (const segment of lexTemplate(text).segments) {
    if (segment.kind !== 'action' || segment.comment || actionHead(segment)?.text !== 'define') continue;
    const name = significantTokens(segment)[1];
    if (name?.type !== 'string' && name?.type !== 'rawString') continue;
    const line = countLines(text, segment.start);
    out.push({ name: name.value ?? '', file, line });
  }
  return out;
}

function countLines(text: string, offset: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function listTemplateFiles(dir: string, files: ChartFileAccess, out: string[] = []): string[] {
  for (const entry of files.readDir(dir)) {
    if (out.length >= MAX_FILES) break;
    const path = join(dir, entry.name);
    if (entry.isDirectory) listTemplateFiles(path, files, out);
    else if (/\.(tpl|ya?ml)$/i.test(entry.name)) out.push(path);
  }
  return out;
}

/** Templates of the subcharts in `charts/` (their defines are callable from the parent). */
function subchartTemplateFiles(root: string, files: ChartFileAccess): string[] {
  return files
    .readDir(join(root, 'charts'))
    .filter((entry) => entry.isDirectory)
    .flatMap((entry) => listTemplateFiles(join(root, 'charts', entry.name, 'templates'), files));
}
