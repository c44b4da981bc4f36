/**
 * Manifests as plain JSON values that remember where each value came from.
 * Every object and array carries, per key or index, the source line that
 * wrote it (a base resource's line, a patch's line); merging and transforming
 * move those origins with the values, so a finding on the built DaemonSet can
 * be shown on the line the user edits.
 */
import type { Node as YamlNode, YAMLMap } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, stringify } from 'yaml';
import type { GoYamlTag } from '../languageService/yamlModel/goYamlScalars';
import { GO_YAML_TAGS, resolveGoYaml } from '../languageService/yamlModel/goYamlScalars';
import { goTimestampJson } from '../languageService/yamlModel/goStrconv';
import type { SourceLine } from '../render/types';
import { LineIndex } from '../languageService/yamlModel/lineIndex';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

const origins = new WeakMap<object, Map<string | number, SourceLine>>();

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where the value under `key` of a container was written, when known. */
export function originOf(container: object, key: string | number): SourceLine | undefined {
  return origins.get(container)?.get(key);
}

/** Records where the value under `key` of a container was written. */
export function setOrigin(container: object, key: string | number, origin: SourceLine | undefined): void {
  if (!origin) return;
  let map = origins.get(container);
  if (!map) origins.set(container, (map = new Map<string | number, SourceLine>()));
  map.set(key, origin);
}

/** Rewrites every origin in a tree (a patch written inside a kustomization: its lines are the kustomization's). */
export function relocateOrigins(value: Json, relocate: (origin: SourceLine) => SourceLine): void {
  if (!Array.isArray(value) && !isObject(value)) return;
  const map = origins.get(value);
  if (map) for (const [key, origin] of map) map.set(key, relocate(origin));
  for (const item of Array.isArray(value) ? value : Object.values(value)) relocateOrigins(item, relocate);
}

/** A deep copy that keeps the origins (so a patch applied to two resources is not shared between them). */
export function cloneTree<T extends Json>(value: T): T {
  if (Array.isArray(value)) {
    const copy = value.map((item) => cloneTree(item));
    value.forEach((_, i) => setOrigin(copy, i, originOf(value, i)));
    return copy as T;
  }
  if (isObject(value)) {
    const copy: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = cloneTree(item);
      setOrigin(copy, key, originOf(value, key));
    }
    return copy as T;
  }
  return value;
}

/** One YAML document of a file as a tree, with the line of its start. */
export interface ParsedObject {
  value: Json;
  origin: SourceLine;
}

/** Where a `!!tag` names one of go-yaml's own tags. */
const TAG_PREFIX = 'tag:yaml.org,2002:';
const GO_YAML_TAG_NAMES = new Set<string>(['null', 'bool', 'int', 'float', 'str', 'timestamp', 'binary', 'merge']);

/** go-yaml v3's isMerge: a `<<` key, plain or tagged `!!merge`. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && ((key.type === 'PLAIN' && key.tag === undefined) || key.tag === TAG_PREFIX + 'merge');
}

/**
 * The documents of a YAML file as Kustomize reads them, as trees with
 * origins: kyaml decodes with go-yaml v3 (resolveGoYaml's version 3: `on`
 * and `yes` are strings, `e1` too, `0755` is 493) and writes through JSON (a
 * timestamp becomes RFC 3339 text); a `<<` merge fills only the keys the map
 * does not write itself, the first of a merged list winning. Throws an Error
 * with the file and line on a syntax error or a tag its value does not fit.
 */
export function parseTrees(text: string, file: string): ParsedObject[] {
  const lines = new LineIndex(text);
  const lineOf = (node: unknown): SourceLine => ({ file, line: lines.positionAt((node as YamlNode | null)?.range?.[0] ?? 0).line });
  const out: ParsedObject[] = [];
  // failsafe: every scalar is its text; go-yaml's resolver (goYamlScalars.ts) types it below
  for (const doc of parseAllDocuments(text, { version: '1.1', schema: 'failsafe', merge: false, uniqueKeys: false })) {
    if (!('contents' in doc)) continue;
    const error = doc.errors[0];
    if (error) throw new Error(`${file}:${lines.positionAt(error.pos[0]).line + 1}: ${error.message.split('\n')[0]}; correct the YAML there`);
    let budget = 500_000; // aliases may expand exponentially
    const scalar = (node: YamlNode & { value: unknown; type?: string; tag?: string }): Json => {
      const text = String(node.value);
      const name = node.tag?.startsWith(TAG_PREFIX) ? node.tag.slice(TAG_PREFIX.length) : undefined;
      if (node.tag !== undefined && (name === undefined || !GO_YAML_TAG_NAMES.has(name) || name === 'merge' || name === 'binary')) return text;
      if (name === undefined && node.type !== 'PLAIN') return text;
      const resolved = resolveGoYaml(text, (name ?? '') as GoYamlTag | '', 3);
      if ('error' in resolved) throw new Error(`${file}:${lineOf(node).line + 1}: ${resolved.error}; correct the value or its tag`);
      if (resolved.tag === 'timestamp') return goTimestampJson(text);
      return typeof resolved.value === 'bigint' ? Number(resolved.value) : resolved.value;
    };
    const keyText = (key: unknown): string => {
      if (!isScalar(key)) return String(key);
      const value = scalar(key);
      return typeof value === 'string' ? value : JSON.stringify(value);
    };
    /** decode.go (v3) mapping + merge: the map's own keys, then its merge's keys that are not taken. */
    const fill = (object: JsonObject, map: YAMLMap, taken: Set<string>, depth: number) => {
      let merge: unknown;
      for (const pair of map.items) {
        if (!isPair(pair)) continue;
        if (isMergeKey(pair.key)) {
          merge = pair.value;
          continue;
        }
        const key = keyText(pair.key);
        if (taken.has(key)) continue;
        taken.add(key);
        object[key] = convert(pair.value);
        setOrigin(object, key, lineOf(pair.key));
      }
      const source = merge === undefined ? undefined : resolve(merge);
      for (const item of isSeq(source) ? source.items : source ? [source] : []) {
        const target = resolve(item);
        if (isMap(target) && depth < 64) fill(object, target, taken, depth + 1);
        else throw new Error(`${file}:${lineOf(item ?? merge).line + 1}: map merge requires map or sequence of maps as the value; correct the value of <<`);
      }
    };
    const resolve = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);
    const convert = (node: unknown): Json => {
      if (--budget < 0) throw new Error(`${file}: the document expands to too many nodes; write the repeated parts out, or use fewer nested aliases`);
      const resolved = resolve(node);
      if (isMap(resolved)) {
        const object: JsonObject = {};
        fill(object, resolved, new Set<string>(), 0);
        return object;
      }
      if (isSeq(resolved)) {
        const array = resolved.items.map((item) => convert(item));
        resolved.items.forEach((item, i) => setOrigin(array, i, lineOf(item)));
        return array;
      }
      return isScalar(resolved) ? scalar(resolved) : null;
    };
    const value = convert(doc.contents);
    if (value === null) continue; // an empty document
    keepAnnotationText(value, resolve(doc.contents), resolve);
    out.push({ value, origin: lineOf(doc.contents) });
  }
  return out;
}

/**
 * The object's own annotations keep the text written (kyaml reads
 * metadata.annotations as strings: `2024-03-01` stays so, where the same date
 * in a pod template's annotations becomes "2024-03-01T00:00:00Z").
 */
function keepAnnotationText(value: Json, root: unknown, resolve: (node: unknown) => unknown): void {
  const annotations = isObject(value) && isObject(value.metadata) ? value.metadata.annotations : undefined;
  if (!isObject(annotations) || !isMap(root)) return;
  const metadata = resolve(root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'metadata')?.value);
  const written = isMap(metadata) ? resolve(metadata.items.find((pair) => isScalar(pair.key) && pair.key.value === 'annotations')?.value) : undefined;
  if (!isMap(written)) return;
  for (const pair of written.items) {
    const node = resolve(pair.value);
    if (isScalar(pair.key) && isScalar(node) && typeof pair.key.value === 'string' && Object.hasOwn(annotations, pair.key.value)) annotations[pair.key.value] = String(node.value);
  }
}

/**
 * YAML text of a built object, as the build prints it: a string is quoted
 * exactly when kubectl's go-yaml v2 would read it as something else
 * (GO_YAML_TAGS), so the text validated and placed holds the built values.
 */
export function printTree(value: Json): string {
  return stringify(value, { version: '1.1', schema: 'failsafe', customTags: GO_YAML_TAGS, lineWidth: 0 });
}

/**
 * For each line of a printed object, the source line of the value it shows:
 * the origin of the key or list item on that line, else (a line inside a
 * multi-line value) the line before's.
 */
export function lineMapOf(text: string, value: Json): Array<SourceLine | undefined> {
  const lines = new LineIndex(text);
  const map: Array<SourceLine | undefined> = new Array<SourceLine | undefined>(lines.lineCount).fill(undefined);
  const [doc] = parseAllDocuments(text, { version: '1.1', schema: 'failsafe', customTags: GO_YAML_TAGS });
  if (!doc || !('contents' in doc)) return map;
  const mark = (node: unknown, origin: SourceLine | undefined) => {
    const start = (node as YamlNode | null)?.range?.[0];
    if (origin && start !== undefined) map[lines.positionAt(start).line] ??= origin;
  };
  const walk = (node: unknown, json: Json) => {
    if (isMap(node) && isObject(json)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined || !(key in json)) continue;
        mark(pair.key, originOf(json, key));
        walk(pair.value, json[key]);
      }
    } else if (isSeq(node) && Array.isArray(json)) {
      node.items.forEach((item, i) => {
        // items with a name are matched by it (another engine may order them differently), others by position
        const name = isMap(item) ? item.get('name') : undefined;
        const byName = typeof name === 'string' ? json.findIndex((j) => isObject(j) && j.name === name) : -1;
        const at = byName >= 0 ? byName : i;
        mark(item, originOf(json, at));
        walk(item, json[at]);
      });
    }
  };
  walk(doc.contents, value);
  for (let line = 1; line < map.length; line++) map[line] ??= map[line - 1];
  return map;
}
