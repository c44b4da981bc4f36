/**
 * Manifests as plain JSON values that remember where each value came from.
 * Every object and array carries, per key or index, the source line that
 * wrote it (a base resource's line, a patch's line); merging and transforming
 * move those origins with the values, so a finding on the built DaemonSet can
 * be shown on the line the user edits.
 */
import type { Node as YamlNode } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, stringify } from 'yaml';
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

/**
 * The documents of a YAML file (YAML 1.1, as kubectl reads it) as trees with
 * origins. Throws an Error with the file and line on a syntax error.
 */
export function parseTrees(text: string, file: string): ParsedObject[] {
  const lines = new LineIndex(text);
  const lineOf = (node: unknown): SourceLine => ({ file, line: lines.positionAt((node as YamlNode | null)?.range?.[0] ?? 0).line });
  const out: ParsedObject[] = [];
  for (const doc of parseAllDocuments(text, { version: '1.1', uniqueKeys: false, customTags: (tags) => tags.filter((tag) => typeof tag !== 'object' || tag.tag !== 'tag:yaml.org,2002:timestamp') })) {
    if (!('contents' in doc)) continue;
    const error = doc.errors[0];
    if (error) throw new Error(`${file}:${lines.positionAt(error.pos[0]).line + 1}: ${error.message.split('\n')[0]}; correct the YAML there`);
    let budget = 500_000; // aliases may expand exponentially
    const convert = (node: unknown): Json => {
      if (--budget < 0) throw new Error(`${file}: the document expands to too many nodes; write the repeated parts out, or use fewer nested aliases`);
      const resolved = isAlias(node) ? node.resolve(doc) : node;
      if (isMap(resolved)) {
        const object: JsonObject = {};
        for (const pair of resolved.items) {
          if (!isPair(pair)) continue;
          const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          object[key] = convert(pair.value);
          setOrigin(object, key, lineOf(pair.key));
        }
        return object;
      }
      if (isSeq(resolved)) {
        const array = resolved.items.map((item) => convert(item));
        resolved.items.forEach((item, i) => setOrigin(array, i, lineOf(item)));
        return array;
      }
      if (isScalar(resolved)) {
        const v = resolved.value;
        if (v === null || v === undefined) return null;
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
        return typeof v === 'bigint' ? Number(v) : null; // a merge key `<<` or a tag the build does not know
      }
      return null;
    };
    const value = convert(doc.contents);
    if (value === null) continue; // an empty document
    out.push({ value, origin: lineOf(doc.contents) });
  }
  return out;
}

/** YAML text of a built object, as the build prints it. */
export function printTree(value: Json): string {
  return stringify(value, { version: '1.1', lineWidth: 0 });
}

/**
 * For each line of a printed object, the source line of the value it shows:
 * the origin of the key or list item on that line, else (a line inside a
 * multi-line value) the line before's.
 */
export function lineMapOf(text: string, value: Json): Array<SourceLine | undefined> {
  const lines = new LineIndex(text);
  const map: Array<SourceLine | undefined> = new Array<SourceLine | undefined>(lines.lineCount).fill(undefined);
  const [doc] = parseAllDocuments(text, { version: '1.1' });
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
