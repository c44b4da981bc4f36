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
    if (isScalar(n)) return resolveScalar(n.value as string, n.type === 'PLAIN' && !n.tag, n.tag);
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
          // A merge key: the aliased maps' keys, unless already set.
          const sources = value instanceof Map ? [value] : Array.isArray(value) ? value : [];
          for (const src of sources) if (src instanceof Map) for (const [k, v] of src) if (!out.has(k)) out.set(k, v);
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

const BOOL_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const BOOL_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** go-yaml v2's resolve() of a scalar, then JSON's float64 for numbers. */
function resolveScalar(s: string, plain: boolean, tag?: string): GoValue {
  if (tag === '!!str' || tag === 'tag:yaml.org,2002:str' || !plain) return s;
  if (BOOL_TRUE.has(s)) return true;
  if (BOOL_FALSE.has(s)) return false;
  if (NULLS.has(s)) return null;
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN;
  const c = s[0];
  if (c === '.') {
    const f = Number(s);
    return /^\.\d+([eE][-+]?\d+)?$/.test(s) && !Number.isNaN(f) ? f : s;
  }
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    // A timestamp stays a string (go-yaml v2 keeps it as text for interface{} targets).
    if (/^\d{4}-\d{1,2}-\d{1,2}/.test(s)) return s;
    const p = s.replace(/_/g, '');
    const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]+|[1-9][0-9]*|0)$/.exec(p);
    if (m) {
      let body = m[2];
      if (/^0[0-7]/.test(body)) body = '0o' + body.slice(1);
      const n = Number(BigInt(body));
      return m[1] === '-' ? -n : n;
    }
    if (YAML_FLOAT.test(p)) return Number(p);
    if (/^-0b[01]+$/.test(p)) return -Number(BigInt(p.slice(1)));
  }
  return s;
}
