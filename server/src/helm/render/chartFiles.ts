/**
 * A chart folder read for rendering: Chart.yaml, the files under templates/,
 * values.yaml, and the other files .Files can read. Paths are the folder as
 * given joined with the file's chart-relative path, so findings name files
 * the way the user named the chart.
 */
import { readdirSync, statSync } from 'node:fs';
import { readFileBytes, readTextFile } from '../../files/readTextFile';
import { join, posix, resolve } from 'node:path';
import { parseYamlValues } from '../functions/yamlValues';
import type { GoMap, GoValue } from '../template/values';
import { RenderError } from '../../render/types';

export interface ChartTemplate {
  /** Path relative to the chart, with '/' (templates/daemonset.yaml). */
  rel: string;
  /** The path findings report (chart folder as given + rel). */
  path: string;
  text: string;
}

export interface ChartFiles {
  /** The chart folder as given. */
  dir: string;
  name: string;
  /** Chart.yaml's top-level fields as text. */
  metadata: GoMap;
  templates: ChartTemplate[];
  /** Files outside templates/ (for .Files), by chart-relative path. */
  files: Map<string, Buffer>;
  /** values.yaml, when the chart has one. */
  values?: { path: string; text: string };
  /** Subcharts unpacked under charts/, each a chart of its own. */
  subcharts: ChartFiles[];
  /** Chart.yaml dependencies: which subchart, under which name, enabled by which condition or tags. */
  dependencies: Dependency[];
  /** Packed subcharts (charts/*.tgz), which the built-in engine does not unpack. */
  archives: string[];
}

export interface Dependency {
  name: string;
  alias?: string;
  condition?: string;
  tags: string[];
}

const IGNORED_DIRS = new Set(['.git', 'node_modules']);

/**
 * How a chart's files are read (absolute paths): Node's file system by
 * default; the language server lays the editor's unsaved texts over it.
 */
export interface ChartReader {
  /** A file's text, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
  /** A file's bytes (for .Files), or undefined when it cannot be read. */
  readBytes(path: string): Buffer | undefined;
  /** The entries of a folder, sorted or not; empty when it cannot be read. */
  readDir(path: string): Array<{ name: string; isDirectory: boolean; isFile: boolean }>;
}

/** Reads from disk; `unsaved` gives an open document's text by absolute path, when it is open. */
export function diskChartReader(unsaved: (path: string) => string | undefined = () => undefined): ChartReader {
  return {
    readText(path) {
      const open = unsaved(path);
      if (open !== undefined) return open;
      // (the one bounded reader: a FIFO or /dev/zero in a chart neither blocks nor fills memory)
      const read = readTextFile(path);
      return read.ok ? read.text : undefined;
    },
    readBytes(path) {
      const open = unsaved(path);
      if (open !== undefined) return Buffer.from(open, 'utf8');
      const read = readFileBytes(path);
      return read.ok ? read.bytes : undefined;
    },
    readDir(path) {
      try {
        // a linked file counts as a file (as helm reads it), a linked folder is not walked
        return readdirSync(path, { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() || (e.isSymbolicLink() && isFileAt(join(path, e.name))) }));
      } catch {
        return [];
      }
    },
  };
}

function isFileAt(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reads a chart folder. Throws RenderError when it is not a chart. */
export function readChart(dir: string, cwd = process.cwd(), reader: ChartReader = diskChartReader()): ChartFiles {
  const abs = (p: string): string => resolve(cwd, p);
  const chartYaml = reader.readText(abs(join(dir, 'Chart.yaml')));
  if (chartYaml === undefined) throw new RenderError(`${dir} is not a Helm chart: it has no Chart.yaml; add one, or point at the chart's folder`);
  const parsed = parseYamlValues(chartYaml).value;
  const metadata: GoMap = parsed instanceof Map ? textFields(parsed) : new Map<string, GoValue>();
  const name = metadata.get('name');
  if (typeof name !== 'string' || !name) throw new RenderError(`${join(dir, 'Chart.yaml')}: the chart has no name; add name: <chart> to Chart.yaml`, { file: join(dir, 'Chart.yaml'), line: 0 });
  const templates: ChartTemplate[] = [];
  const files = new Map<string, Buffer>();
  const subcharts: ChartFiles[] = [];
  const archives: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of reader.readDir(abs(join(dir, rel))).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const childRel = rel ? posix.join(rel, entry.name) : entry.name;
      if (entry.isDirectory) {
        if (IGNORED_DIRS.has(entry.name)) continue;
        if (childRel === 'charts') {
          for (const sub of reader.readDir(abs(join(dir, childRel))).sort((a, b) => (a.name < b.name ? -1 : 1))) {
            if (sub.isDirectory) subcharts.push(readChart(join(dir, childRel, sub.name), cwd, reader));
            else if (/\.tgz$/.test(sub.name)) archives.push(join(dir, childRel, sub.name));
          }
          continue;
        }
        walk(childRel);
      } else if (childRel.startsWith('templates/')) {
        const text = reader.readText(abs(join(dir, childRel)));
        if (text !== undefined) templates.push({ rel: childRel, path: join(dir, childRel), text });
      } else if (entry.isFile && !['Chart.yaml', 'values.yaml', 'values.schema.json', 'requirements.yaml', 'Chart.lock', 'requirements.lock'].includes(childRel)) {
        const bytes = reader.readBytes(abs(join(dir, childRel)));
        if (bytes) files.set(childRel, bytes);
      }
    }
  };
  walk('');
  const valuesText = reader.readText(abs(join(dir, 'values.yaml')));
  const values: ChartFiles['values'] = valuesText === undefined ? undefined : { path: join(dir, 'values.yaml'), text: valuesText };
  const deps = parsed instanceof Map ? parsed.get('dependencies') : undefined;
  const dependencies: Dependency[] = (Array.isArray(deps) ? deps : []).flatMap((d) => {
    if (!(d instanceof Map) || typeof d.get('name') !== 'string') return [];
    const text = (k: string): string | undefined => (typeof d.get(k) === 'string' ? (d.get(k) as string) : undefined);
    const tags = d.get('tags');
    return [{ name: text('name')!, alias: text('alias'), condition: text('condition'), tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [] }];
  });
  return { dir, name, metadata, templates, files, values, subcharts, dependencies, archives };
}

/** Chart.yaml scalars as Helm's string fields hold them. */
function textFields(m: GoMap): GoMap {
  const out: GoMap = new Map();
  for (const [k, v] of m) out.set(k, typeof v === 'number' || typeof v === 'boolean' ? String(v) : v);
  return out;
}
