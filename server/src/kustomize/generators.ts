/**
 * Kustomize's ConfigMap and Secret generators (configMapGenerator,
 * secretGenerator, generatorOptions), as `kubectl kustomize` runs them: data
 * from env files, then literals, then files (api/kv), each key once; labels,
 * annotations and `immutable` from the options; `behavior: merge|replace`
 * onto a generated object of a base. A generated object's name gets the
 * content hash at the end of the top-level build (api/hasher), and the
 * references of pod templates follow it.
 */
import { createHash } from 'node:crypto';
import { basename, resolve, sep } from 'node:path';
import { compareGoStrings, goJsonString } from '../common/goStrings';
import type { SourceLine } from '../render/types';
import { RenderError } from '../render/types';
import type { GeneratorEntry, GeneratorOptions, Kustomization } from './kustomization';
import type { BuiltResource } from './transformers';
import { kindOf, nameOf, namespaceOf } from './transformers';
import type { Json, JsonObject } from './tree';
import { isObject, originOf, setOrigin } from './tree';

/** Reads a generator's source file; undefined when it cannot. */
type Read = (path: string) => string | undefined;

/** Go's unicode.IsSpace (trimStart would also take a byte order mark, which Kustomize keeps past the first line). */
const GO_LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Kustomize's MergeGlobalOptionsIntoLocal: the entry's labels and annotations win, either side's flags turn on. */
export function mergeOptions(local: GeneratorOptions | undefined, global: GeneratorOptions | undefined): GeneratorOptions {
  return {
    labels: { ...global?.labels, ...local?.labels },
    annotations: { ...global?.annotations, ...local?.annotations },
    disableNameSuffixHash: (local?.disableNameSuffixHash ?? false) || (global?.disableNameSuffixHash ?? false),
    immutable: (local?.immutable ?? false) || (global?.immutable ?? false),
  };
}

/** `key=value` (quotes around the whole value removed), as kv.parseLiteralSource. */
function literal(source: string, at: SourceLine | undefined): [string, string] {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new RenderError(`invalid literal ${JSON.stringify(source)}: write it as key=value`, at);
  const value = source.slice(eq + 1);
  const quoted = value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'");
  return [source.slice(0, eq), quoted ? value.slice(1, -1) : value];
}

/** The lines of an env file as pairs: `#` comments and blank lines skipped, a line without `=` an empty value (kv.keyValuesFromLine). */
function envPairs(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  text.split('\n').forEach((raw, i) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (i === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    line = line.replace(GO_LEADING_SPACE, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    out.push([key, eq < 0 ? '' : line.slice(eq + 1)]);
  });
  return out;
}

/**
 * A file a generator names, read relative to the kustomization and only from
 * inside its folder (Kustomize's load restrictor); undefined, with a warning,
 * for a file that is not UTF-8 text (Kustomize keeps its bytes; the readers
 * here give text).
 */
function readSource(folder: string, path: string, read: Read, generator: string, at: SourceLine | undefined, warn: (message: string) => void): string | undefined {
  const file = resolve(folder, path);
  if (file !== folder && !file.startsWith(folder + sep)) throw new RenderError(`${generator}: ${path} is outside the kustomization's folder, which Kustomize does not read; move the file under ${folder}`, at);
  const text = read(file);
  if (text === undefined) throw new RenderError(`${generator}: cannot read ${path} (from ${folder}); correct the path, or remove the entry`, at);
  if (!text.includes('\uFFFD')) return text;
  warn(`${generator}: ${path} is not UTF-8 text, which the built-in engine does not read: its key is left out (and the name's hash differs from kubectl's); use kubectl kustomize for an exact build`);
  return undefined;
}

/**
 * The key/value pairs of an entry: env files, literals, then files; a key
 * given twice is an error, as in Kustomize (which, as kubectl runs it, checks
 * no key's syntax: the API server does).
 */
function dataOf(entry: GeneratorEntry, folder: string, read: Read, at: SourceLine | undefined, warn: (message: string) => void): Map<string, string> {
  const label = `${entry.field} ${entry.name}`;
  const pairs: Array<[string, string]> = [];
  for (const env of entry.envs) pairs.push(...envPairs(readSource(folder, env, read, label, at, warn) ?? ''));
  for (const source of entry.literals) pairs.push(literal(source, at));
  for (const source of entry.files) {
    const eq = source.indexOf('=');
    if (eq === 0) throw new RenderError(`${label}: the file source ${JSON.stringify(source)} has no key before '='; write key=path or just the path`, at);
    const [key, path] = eq < 0 ? [basename(source), source] : [source.slice(0, eq), source.slice(eq + 1)];
    const text = readSource(folder, path, read, label, at, warn);
    if (text !== undefined) pairs.push([key, text]);
  }
  const data = new Map<string, string>();
  for (const [key, value] of pairs) {
    if (data.has(key)) throw new RenderError(`${label} repeats the key ${key}; give it once`, at);
    data.set(key, value);
  }
  return data;
}

/** A map whose every key was written at `at`. */
function mapAt(entries: Iterable<[string, Json]>, at: SourceLine | undefined): JsonObject {
  const map: JsonObject = {};
  for (const [key, value] of entries) {
    map[key] = value;
    setOrigin(map, key, at);
  }
  return map;
}

/** The object an entry generates (before its hash), every value at the entry's line. */
function generatedObject(entry: GeneratorEntry & { name: string }, options: GeneratorOptions, data: Map<string, string>, at: SourceLine | undefined): JsonObject {
  const metadata = mapAt([['name', entry.name]], at);
  if (entry.namespace) metadata.namespace = entry.namespace;
  if (Object.keys(options.labels).length) metadata.labels = mapAt(Object.entries(options.labels), at);
  if (Object.keys(options.annotations).length) metadata.annotations = mapAt(Object.entries(options.annotations), at);
  const object = mapAt([['apiVersion', 'v1'], ['kind', entry.kind], ['metadata', metadata]], at);
  if (entry.kind === 'Secret') {
    object.type = entry.type ?? 'Opaque';
    object.data = mapAt([...data].map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]), at);
  } else if (data.size > 0) object.data = mapAt(data, at);
  if (options.immutable) object.immutable = true;
  for (const key of Object.keys(object)) setOrigin(object, key, at);
  return object;
}

/** Copies the keys of `from` that `into` lacks (origins too): labels, annotations and data of a merge. */
function fillFrom(into: JsonObject, key: string, from: JsonObject): void {
  const source = from[key];
  if (!isObject(source)) return;
  let target = into[key];
  if (!isObject(target)) into[key] = target = {};
  for (const [k, v] of Object.entries(source)) {
    if (k in target) continue;
    target[k] = v;
    setOrigin(target, k, originOf(source, k));
  }
}

/**
 * Runs a kustomization's generators onto its resources: `create` adds an
 * object (an error when one of that kind and name is there), `merge` and
 * `replace` take the place of the object a base generated, keeping its
 * labels and annotations under the entry's (and, for merge, its data).
 */
export function runGenerators(k: Kustomization, kustomization: string, resources: BuiltResource[], read: Read, lineOf: (entry: GeneratorEntry) => SourceLine | undefined, warn: (message: string) => void): void {
  const folder = resolve(kustomization, '..');
  for (const entry of k.generators) {
    const at = lineOf(entry);
    const name = entry.name;
    if (!name) throw new RenderError(`${entry.field}: an entry has no name; give it one`, at);
    const options = mergeOptions(entry.options, k.generatorOptions);
    const object = generatedObject({ ...entry, name }, options, dataOf(entry, folder, read, at, warn), at);
    const index = resources.findIndex((r) => kindOf(r) === entry.kind && (nameOf(r) === name || r.previousNames.includes(name)) && (namespaceOf(r) ?? '') === (entry.namespace ?? ''));
    const generated: BuiltResource = { object, origin: at ?? { file: kustomization, line: 0 }, previousNames: [name], hashSuffix: !options.disableNameSuffixHash };
    const behavior = entry.behavior ?? 'create';
    if (behavior === 'create') {
      if (index >= 0) throw new RenderError(`${entry.field} ${entry.name}: a ${entry.kind} of that name is already in the build; use behavior: merge or replace`, at);
      resources.push(generated);
      continue;
    }
    if (behavior !== 'merge' && behavior !== 'replace') throw new RenderError(`${entry.field} ${entry.name}: behavior ${JSON.stringify(behavior)} is none of create, merge, replace; correct it`, at);
    if (index < 0) throw new RenderError(`${entry.field} ${entry.name}: behavior ${behavior} needs a ${entry.kind} of that name from a base, and there is none; use behavior: create`, at);
    const old = resources[index];
    const oldMeta = isObject(old.object.metadata) ? old.object.metadata : {};
    // the object keeps the name the base gave it (its prefix, say)
    const meta = object.metadata as JsonObject;
    meta.name = nameOf(old);
    setOrigin(meta, 'name', originOf(oldMeta, 'name'));
    for (const key of ['labels', 'annotations']) fillFrom(object.metadata as JsonObject, key, oldMeta);
    if (behavior === 'merge') for (const key of ['data', 'binaryData']) fillFrom(object, key, old.object);
    generated.previousNames = [...new Set([...old.previousNames, name])];
    resources[index] = generated;
  }
}

/** json.Marshal of a Go map[string]interface{}: keys in Go's (byte) order. */
function goJson(value: Json | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  return `{${Object.keys(value)
    .sort(compareGoStrings)
    .map((k) => `${goJsonString(k)}:${goJson(value[k])}`)
    .join(',')}}`;
}

/**
 * Kustomize's content hash of a ConfigMap or Secret (hasher.Hash): the
 * sha256 of the JSON of kind, data (and binaryData / type, stringData),
 * with `name` always empty (kyaml looks the name up by a path it does not
 * split), its first ten hex digits with 0, 1, 3, a, e swapped for g, h, k,
 * m, t.
 */
export function contentHash(object: JsonObject): string {
  const field = (key: string): Json => (key in object ? object[key] : '');
  const encoded: JsonObject = object.kind === 'Secret' ? { kind: 'Secret', type: field('type'), name: '', data: field('data') } : { kind: 'ConfigMap', name: '', data: field('data') };
  if (object.kind === 'Secret' && isObject(object.stringData)) encoded.stringData = object.stringData;
  if (object.kind !== 'Secret' && isObject(object.binaryData)) encoded.binaryData = object.binaryData;
  const hex = createHash('sha256').update(goJson(encoded)).digest('hex');
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => ({ '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' })[c] ?? c);
}

/** The hash suffix of every generated object that takes one (the end of the top-level build, after every transformer). */
export function addHashSuffixes(resources: BuiltResource[]): void {
  for (const r of resources) {
    if (!r.hashSuffix) continue;
    const meta = r.object.metadata as JsonObject;
    if (!r.previousNames.includes(nameOf(r))) r.previousNames.push(nameOf(r));
    meta.name = `${nameOf(r)}-${contentHash(r.object)}`;
  }
}
