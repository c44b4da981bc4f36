/**
 * YAML read the way Helm reads values files and fromYaml strings: go-yaml v2
 * resolves plain scalars (yes/on are booleans, 0755 is octal, 1:20 stays a
 * string), then sigs.k8s.io/yaml passes everything through JSON, so every
 * number is a float64 and every key a string. Each key and list item keeps
 * the line it was written on, for the line map.
 */
import { type Document, LineCounter, type Node, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Origin } from '../template/output';
import type { GoMap, GoValue } from '../template/values';
import { formatFloat } from '../template/values';
import type { GoYamlTag } from '../../languageService/yamlModel/goYamlScalars';
import { resolveGoYaml } from '../../languageService/yamlModel/goYamlScalars';

/** Where each key of a map (or item of a list) read from a values file was written. */
export class KeyLines {
  private readonly table = new WeakMap<object, Map<string | number, Origin>>();

  get(container: object, key: string | number): Origin | undefined {
    return this.table.get(container)?.get(key);
  }

  set(container: object, key: string | number, origin: Origin | undefined): void {
    if (!origin) return;
    let m = this.table.get(container);
    if (!m) this.table.set(container, (m = new Map<string | number, Origin>()));
    m.set(key, origin);
  }
}

/** A YAML syntax error in a values file, with its 0-based line. */
export class YamlValuesError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

/** Parses the first YAML document of `text`; `file` and `lines` record where keys were written. */
export function parseYamlValues(text: string, file?: string, lines?: KeyLines): { value: GoValue } {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { schema: 'failsafe', lineCounter: counter, uniqueKeys: false, merge: false });
  const docList = Array.isArray(docs) ? docs : [];
  const doc = docList[0] as Document | undefined;
  if (doc?.errors.length) {
    const err = doc.errors[0];
    throw new YamlValuesError(`yaml: line ${counter.linePos(err.pos[0]).line}: ${err.message.split('\n')[0]}`, counter.linePos(err.pos[0]).line - 1);
  }
  if (!doc || !doc.contents) return { value: null };
  const lineOf = (n: Node): Origin | undefined => (file && n.range ? { file, line: counter.linePos(n.range[0]).line - 1, fromValues: true } : undefined);
  const convert = (n: Node | null, depth: number): GoValue => {
    if (depth > 1000) throw new Error('yaml: exceeded max depth');
    if (n === null) return null;
    if (isAlias(n)) return convert(n.resolve(doc) as Node, depth + 1);
    if (isScalar(n)) return resolveScalar(String(n.value), n.type === 'PLAIN', n.tag, n.range ? counter.linePos(n.range[0]).line - 1 : 0);
    if (isSeq(n)) {
      const out: GoValue[] = [];
      n.items.forEach((item, i) => {
        out.push(convert(item as Node, depth + 1));
        if (lines && item) lines.set(out, i, lineOf(item as Node));
      });
      return out;
    }
    if (isMap(n)) {
      const out: GoMap = new Map();
      for (const pair of n.items) {
        const keyNode = pair.key as Node | null;
        const value = convert(pair.value as Node | null, depth + 1);
        if (keyNode && isScalar(keyNode) && keyNode.value === '<<' && keyNode.type === 'PLAIN') {
          // A merge key, applied where it stands as go-yaml v2's decoder applies it (decode.go merge):
          // over the keys written above it, under those below; of a list, the last map first, so the first wins.
          const sources = value instanceof Map ? [value] : Array.isArray(value) ? [...value].reverse() : [];
          for (const src of sources) if (src instanceof Map) for (const [k, v] of src) out.set(k, v);
          continue;
        }
        const key = keyString(keyNode === null ? null : convert(keyNode, depth + 1));
        out.set(key, value);
        if (lines && keyNode) lines.set(out, key, lineOf(keyNode));
      }
      return out;
    }
    return null;
  };
  return { value: convert(doc.contents, 0) };
}

/** sigs.k8s.io/yaml's key conversion: non-string keys become their text. */
function keyString(k: GoValue): string {
  if (typeof k === 'string') return k;
  if (k === null || k === undefined) return 'null';
  if (typeof k === 'number') return Number.isInteger(k) ? String(k) : formatFloat(Math.fround(k));
  return typeof k === 'boolean' ? String(k) : JSON.stringify(k) ?? '';
}

const TAG_PREFIX = 'tag:yaml.org,2002:';
const GO_YAML_TAG_NAMES = new Set<string>(['null', 'bool', 'int', 'float', 'str', 'timestamp', 'binary', 'merge']);

/**
 * go-yaml v2's resolve() of a scalar (the one resolver kubectl's reading
 * uses too, goYamlScalars.ts), then JSON's float64 for numbers: a plain
 * scalar resolves by its text, an explicit `!!int`/`!!float`/`!!bool`/`!!null`
 * tag by the tag (an explicit tag its text does not fit is go-yaml's error),
 * quoted and block scalars and other tags stay strings.
 */
function resolveScalar(s: string, plain: boolean, tag: string | undefined, line: number): GoValue {
  const name = tag?.startsWith(TAG_PREFIX) ? tag.slice(TAG_PREFIX.length) : tag?.startsWith('!!') ? tag.slice(2) : undefined;
  if (tag !== undefined && (name === undefined || !GO_YAML_TAG_NAMES.has(name))) return s;
  if (!plain && name === undefined) return s;
  const resolved = resolveGoYaml(s, (name ?? '') as GoYamlTag | '');
  if ('error' in resolved) throw new YamlValuesError(`yaml: line ${line + 1}: ${resolved.error}`, line);
  const v = resolved.value;
  // a timestamp decoded into interface{} keeps its text; numbers become float64 through JSON
  return typeof v === 'bigint' ? Number(v) : v;
}
