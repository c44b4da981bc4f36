/**
 * The values a chart renders with, built as `helm template` builds them:
 * `--values` files deep-merged in order, `--set` applied on top, then
 * coalesced with the chart's values.yaml (user values win; a user `null`
 * deletes the default). Every key remembers the values-file line it came from.
 */
import { KeyLines, parseYamlValues } from '../functions/yamlValues';
import type { GoMap, GoValue } from '../template/values';
import { applySet } from './setValues';

/** One values file: its path (as reported in the line map) and text. */
export interface ValuesFile {
  path: string;
  text: string;
}

export interface ValuesInput {
  /** The chart's own values.yaml, if any. */
  chartValues?: ValuesFile;
  /** `--values` files, merged in order. */
  files: ValuesFile[];
  /** `--set` expressions, applied in order after the files. */
  sets: string[];
  /** `--set-string` expressions. */
  setStrings?: string[];
}

/** Where a values file could not be read as YAML. */
export class ValuesError extends Error {
  constructor(message: string, readonly file: string, readonly line: number) {
    super(message);
  }
}

/**
 * Parsed values files kept between renders (the editor re-renders on every
 * keystroke while values files rarely change). Each render gets a fresh copy:
 * templates may change .Values with set/unset/merge.
 */
export class ValuesCache {
  private readonly parsed = new Map<string, { text: string; value: GoValue; lines: KeyLines }>();

  get(f: ValuesFile, lines: KeyLines): GoValue {
    let hit = this.parsed.get(f.path);
    if (!hit || hit.text !== f.text) {
      const own = new KeyLines();
      hit = { text: f.text, value: parseYamlValues(f.text, f.path, own).value, lines: own };
      this.parsed.set(f.path, hit);
    }
    return copyWithLines(hit.value, hit.lines, lines);
  }
}

function copyWithLines(v: GoValue, from: KeyLines, to: KeyLines): GoValue {
  if (v instanceof Map) {
    const out: GoMap = new Map();
    for (const [k, x] of v) {
      out.set(k, copyWithLines(x, from, to));
      to.set(out, k, from.get(v, k));
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out = v.map((x) => copyWithLines(x, from, to));
    v.forEach((_x, i) => to.set(out, i, from.get(v, i)));
    return out;
  }
  return v;
}

function parseFile(f: ValuesFile, lines: KeyLines, cache?: ValuesCache): GoMap {
  let value: GoValue;
  try {
    value = cache ? cache.get(f, lines) : parseYamlValues(f.text, f.path, lines).value;
  } catch (e) {
    const line = (e as { line?: number }).line ?? 0;
    throw new ValuesError(`failed to parse ${f.path}: ${(e as Error).message}`, f.path, line);
  }
  if (value === null) return new Map();
  if (!(value instanceof Map)) throw new ValuesError(`failed to parse ${f.path}: error unmarshaling JSON: json: cannot unmarshal into Go value of type map[string]interface {}`, f.path, 0);
  return value;
}

/** cli/values.mergeMaps: b over a, maps merged key by key, anything else replaced. */
function mergeMaps(a: GoMap, b: GoMap, lines: KeyLines): GoMap {
  const out: GoMap = new Map(a);
  for (const k of a.keys()) lines.set(out, k, lines.get(a, k));
  for (const [k, v] of b) {
    const prev = out.get(k);
    if (v instanceof Map && prev instanceof Map) out.set(k, mergeMaps(prev, v, lines));
    else out.set(k, v);
    lines.set(out, k, lines.get(b, k));
  }
  return out;
}

/** chartutil.CoalesceValues for one chart: defaults fill in what the user did not set. */
function coalesce(user: GoMap, defaults: GoMap, lines: KeyLines): GoMap {
  const out: GoMap = new Map(user);
  for (const k of user.keys()) lines.set(out, k, lines.get(user, k));
  for (const [k, dv] of defaults) {
    if (out.has(k)) {
      const uv = out.get(k);
      if (uv === null) out.delete(k);
      else if (uv instanceof Map && dv instanceof Map) out.set(k, coalesce(uv, dv, lines));
    } else {
      out.set(k, dv);
      lines.set(out, k, lines.get(defaults, k));
    }
  }
  return out;
}

/** A chart as values see it: its values.yaml and its enabled subcharts under the names they go by. */
export interface ValuesChart {
  values?: ValuesFile;
  subcharts: Array<{ key: string; chart: ValuesChart }>;
}

/** chartutil.coalesceGlobals: the parent's `global` over the subchart's. */
function coalesceGlobals(dest: GoMap, src: GoMap): void {
  const dg = dest.get('global');
  const sg = src.get('global');
  const out: GoMap = dg instanceof Map ? new Map(dg) : new Map<string, GoValue>();
  if (sg instanceof Map) {
    for (const [k, v] of sg) {
      const dv = out.get(k);
      if (v instanceof Map) out.set(k, dv instanceof Map ? coalesce(new Map(v), dv, new KeyLines()) : new Map(v));
      else if (!(dv instanceof Map)) out.set(k, v);
    }
  }
  dest.set('global', out);
}

/** chartutil.coalesce: a chart's defaults under the user's values, then each subchart under its key. */
function coalesceChart(chart: ValuesChart, user: GoMap, lines: KeyLines, defaultsOf: (f: ValuesFile) => GoMap): GoMap {
  const merged = coalesce(user, chart.values ? defaultsOf(chart.values) : new Map<string, GoValue>(), lines);
  for (const { key, chart: sub } of chart.subcharts) {
    const own = merged.get(key);
    const dest: GoMap = own instanceof Map ? new Map(own) : new Map<string, GoValue>();
    if (own instanceof Map) for (const k of own.keys()) lines.set(dest, k, lines.get(own, k));
    coalesceGlobals(dest, merged);
    merged.set(key, coalesceChart(sub, dest, lines, defaultsOf));
  }
  return merged;
}

/** The user's values: `--values` files merged in order, then `--set`. */
function userValues(input: Omit<ValuesInput, 'chartValues'>, lines: KeyLines, cache?: ValuesCache): GoMap {
  let user: GoMap = new Map();
  for (const f of input.files) user = mergeMaps(user, parseFile(f, lines, cache), lines);
  for (const s of input.sets) applySet(user, s);
  for (const s of input.setStrings ?? []) applySet(user, s, true);
  return user;
}

/** The `.Values` a template sees, with the line of every key. `chart` adds subcharts' values under their keys. */
export function buildValues(input: ValuesInput, chart?: ValuesChart, cache?: ValuesCache): { values: GoMap; lines: KeyLines } {
  const lines = new KeyLines();
  const user = userValues(input, lines, cache);
  const parsed = new Map<string, GoMap>();
  const defaultsOf = (f: ValuesFile): GoMap => {
    let m = parsed.get(f.path);
    if (!m) parsed.set(f.path, (m = parseFile(f, lines, cache)));
    return m;
  };
  const root: ValuesChart = chart ?? { values: input.chartValues, subcharts: [] };
  return { values: coalesceChart(root, user, lines, defaultsOf), lines };
}

/** A dotted path into values (chartutil.Values.PathValue), for dependency conditions. */
export function pathValue(values: GoMap, path: string): GoValue | undefined {
  let cur: GoValue = values;
  for (const part of path.split('.')) {
    if (!(cur instanceof Map) || !cur.has(part)) return undefined;
    cur = cur.get(part);
  }
  return cur;
}
