/**
 * YAML scalars resolved as kubectl resolves them.
 *
 * kubectl and the API server read YAML through sigs.k8s.io/yaml: go-yaml v2
 * (gopkg.in/yaml.v2 2.4.0, `resolve.go` and `decode.go`) decodes into untyped
 * values, which are then written as JSON. Its resolution is YAML 1.1 with
 * Go's own number syntax, and it differs from every schema of the `yaml`
 * package: `e1` is a string (not a float), `0o17` and `0B101` are ints, `08`
 * is the float 8, `1:20` and `2001-12-14` stay strings, `1e400` is a string.
 * This module is the one place that knows those rules; the parser is handed
 * {@link GO_YAML_TAGS} so every node of a parsed Document already holds the
 * value kubectl would send, and validation, completion, hover, placement and
 * the profile reader all see the same thing.
 *
 * Values in the Document: strings, booleans, null and numbers. An integer
 * beyond ±(2^53-1) (an int64 or uint64 to go-yaml) is the nearest double
 * there, so every reader of numbers sees a plain number (and range checks
 * keep working); {@link resolveGoYaml} keeps it exact as a bigint.
 */
import type { ScalarTag } from 'yaml';
import { isScalar } from 'yaml';
import { formatFloat32, isGoYamlTimestamp, parseFloat64, parseInt64, parseUint } from './goStrconv';

/** The tags go-yaml resolves a scalar to (short names, without `tag:yaml.org,2002:`). */
export type GoYamlTag = 'null' | 'bool' | 'int' | 'float' | 'str' | 'timestamp' | 'binary' | 'merge';
export type GoYamlValue = string | number | bigint | boolean | null;
export interface GoYamlScalar {
  tag: GoYamlTag;
  value: GoYamlValue;
}

const TAG_PREFIX = 'tag:yaml.org,2002:';

/** resolve.go's resolveMap. (Its `<<` entry is never reached: no hint for '<'; merge keys are the decoder's business.) */
const RESOLVE_MAP = new Map<string, GoYamlScalar>([['', { tag: 'null', value: null }]]);
for (const [tag, value, words] of [
  ['bool', true, 'y Y yes Yes YES true True TRUE on On ON'],
  ['bool', false, 'n N no No NO false False FALSE off Off OFF'],
  ['null', null, '~ null Null NULL'],
  ['float', NaN, '.nan .NaN .NAN'],
  ['float', Infinity, '.inf .Inf .INF +.inf +.Inf +.INF'],
  ['float', -Infinity, '-.inf -.Inf -.INF'],
] as const) {
  for (const word of words.split(' ')) RESOLVE_MAP.set(word, { tag, value });
}

/** The YAML 1.1 booleans of v2's map that go-yaml v3 (Kustomize's reader) reads as strings. */
const V2_ONLY_WORDS = new Set('y Y yes Yes YES on On ON n N no No NO off Off OFF'.split(' '));

/**
 * Which go-yaml resolves: 2 is gopkg.in/yaml.v2, which kubectl and the API
 * server read with (sigs.k8s.io/yaml); 3 is gopkg.in/yaml.v3, which
 * Kustomize (kyaml) reads its resources with: the same rules without the
 * YAML 1.1 words y/yes/on/n/no/off, and with `0o-17` read as octal.
 */
export type GoYamlVersion = 2 | 3;

/** resolve.go's resolveTable: the first character decides which rules apply; any other is a string for sure. */
function hint(s: string): 'N' | 'S' | 'D' | 'M' | '.' | undefined {
  if (s === '') return 'N';
  const c = s[0];
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  return c === '.' ? '.' : undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const MAX_INT64 = (1n << 63n) - 1n;

function int(n: bigint): GoYamlScalar {
  const safe = n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);
  return { tag: 'int', value: safe ? Number(n) : n };
}

/** The body of go-yaml's resolve(tag, in), before its deferred tag check. */
function resolveBody(s: string, tag: GoYamlTag | '', version: GoYamlVersion = 2): GoYamlScalar {
  const h = hint(s);
  if (h === undefined || tag === 'str' || tag === 'binary') return { tag: 'str', value: s };
  const known = RESOLVE_MAP.get(s);
  if (known && (version === 2 || !V2_ONLY_WORDS.has(s))) return known;
  if (h === '.') {
    const float = parseFloat64(s);
    if (float !== undefined) return { tag: 'float', value: float };
  } else if (h === 'D' || h === 'S') {
    // A timestamp is tried first and kept as its text (decode.go stores a
    // timestamp decoded into interface{} as the original string).
    if ((tag === '' || tag === 'timestamp') && isGoYamlTimestamp(s)) return { tag: 'timestamp', value: s };
    const plain = s.replace(/_/g, '');
    const integer = parseInt64(plain, 0) ?? parseUint(plain, 0);
    if (integer !== undefined) return int(integer);
    if (YAML_STYLE_FLOAT.test(plain)) {
      const float = parseFloat64(plain);
      if (float !== undefined) return { tag: 'float', value: float };
    }
    // Leftovers of an older resolver: `0b-101` is -5 (ParseInt with base 2 takes a sign).
    if (plain.startsWith('0b')) {
      const binary = parseInt64(plain.slice(2), 2) ?? parseUint(plain.slice(2), 2);
      if (binary !== undefined) return int(binary);
    } else if (plain.startsWith('-0b')) {
      const binary = parseInt64(`-${plain.slice(3)}`, 2);
      if (binary !== undefined) return int(binary);
    }
    // v3 only: YAML 1.2 octals after the sign (`0o-17`), which ParseInt(s, 0, 64) above does not take.
    if (version === 3 && plain.startsWith('0o')) {
      const octal = parseInt64(plain.slice(2), 8) ?? parseUint(plain.slice(2), 8);
      if (octal !== undefined) return int(octal);
    }
  }
  return { tag: 'str', value: s };
}

/**
 * go-yaml's resolve(tag, in) (v2 unless `version` says 3): what a plain scalar (no tag) or a scalar
 * with an explicit `!!int`, `!!float`, `!!bool`, `!!null`, `!!timestamp` or
 * `!!str` tag decodes to. An explicit tag the text does not fit is an error,
 * as go-yaml's (kubectl stops there); `!!float` also takes an int.
 */
export function resolveGoYaml(text: string, tag: GoYamlTag | '' = '', version: GoYamlVersion = 2): GoYamlScalar | { error: string } {
  const resolved = resolveBody(text, tag, version);
  if (tag === '' || tag === 'str' || tag === resolved.tag) return resolved;
  if (tag === 'float' && resolved.tag === 'int' && BigInt(resolved.value as number | bigint) <= MAX_INT64) {
    return { tag: 'float', value: Number(resolved.value) };
  }
  return { error: `cannot decode !!${resolved.tag} \`${text}\` as a !!${tag}` };
}

/** `!!binary`: base64 (line breaks ignored, padding required, as Go's StdEncoding), decoded to a string. */
function decodeBinary(text: string): string | undefined {
  const compact = text.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/**
 * What the parser makes of a plain (untagged, unquoted) scalar: the same
 * value a parsed Document holds (see GO_YAML_TAGS), for readers that parse
 * a YAML subset themselves (the fast path of big cluster profiles).
 */
export function plainScalarValue(text: string): string | number | boolean | null {
  const resolved = resolveBody(text, '');
  return resolved.tag === 'str' || resolved.tag === 'timestamp' ? text : documentValue(resolved.value);
}

/** The value a Document holds: a big integer as the nearest number. */
function documentValue(value: GoYamlValue): Exclude<GoYamlValue, bigint> {
  return typeof value === 'bigint' ? Number(value) : value;
}

function explicitTag(name: GoYamlTag): ScalarTag {
  return {
    tag: TAG_PREFIX + name,
    default: false,
    resolve(value, onError) {
      if (name === 'binary') return decodeBinary(value) ?? (onError('!!binary value contains invalid base64 data'), value);
      // `!!merge` is not resolvable to go-yaml: the text stays (a `!!merge <<` key merges).
      if (name === 'merge') return value;
      const resolved = resolveGoYaml(value, name);
      if ('error' in resolved) {
        onError(resolved.error);
        return value;
      }
      return documentValue(resolved.value);
    },
  };
}

/**
 * A RegExp whose test() asks go-yaml's resolver whether a plain scalar is
 * anything but a string: the `yaml` package picks a tag for a plain scalar,
 * and decides whether a string needs quotes when writing, with `test`.
 */
class ResolvesToNonString extends RegExp {
  constructor() {
    super('(?:)');
  }
  override test(text: string): boolean {
    return resolveBody(text, '').tag !== 'str';
  }
}

/** How a resolved null, boolean or number is written back so go-yaml reads the same value. */
function plainText(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return 'null';
}

/**
 * The scalar tags the parser uses (on top of the failsafe schema's map, seq
 * and str). One default tag takes every plain scalar that go-yaml would not
 * read as a string through its resolution; the others, and quoted and block
 * scalars, are strings, as go-yaml's (only plain scalars are "implicit").
 * Explicit tags resolve as go-yaml's resolve(tag, in). Unknown tags (`!foo`,
 * `!!set`) leave the value a string or the collection as it is, with a
 * warning from the parser; go-yaml ignores them too.
 */
export const GO_YAML_TAGS: ScalarTag[] = [
  {
    // A private name: this tag stands for "resolved like go-yaml", whichever type that gives.
    tag: 'tag:daemonset-tools,2026:go-yaml-plain',
    default: true,
    test: new ResolvesToNonString(),
    resolve: (value) => documentValue(resolveBody(value, '').value),
    identify: (value) => value === null || typeof value === 'boolean' || typeof value === 'number',
    stringify: ({ value }) => plainText(value),
  },
  ...(['int', 'float', 'bool', 'null', 'timestamp', 'binary', 'merge'] as const).map(explicitTag),
];

/**
 * What go-yaml resolves a parsed scalar node to, exactly (big integers as
 * bigint, int and float told apart): from its explicit tag and text, its
 * plain text, or a string for quoted and block scalars.
 */
export function goYamlScalarOf(node: unknown): GoYamlScalar | undefined {
  if (!isScalar(node) || typeof node.source !== 'string') return undefined;
  if (typeof node.tag === 'string' && node.tag.startsWith(TAG_PREFIX)) {
    const resolved = resolveGoYaml(node.source, node.tag.slice(TAG_PREFIX.length) as GoYamlTag);
    return 'error' in resolved ? undefined : resolved;
  }
  return node.type === 'PLAIN' && node.tag === undefined ? resolveBody(node.source, '') : { tag: 'str', value: node.source };
}

/**
 * The string a mapping key becomes in the JSON kubectl sends: sigs.k8s.io/yaml
 * turns non-string keys into strings (convertToJSONableObject): ints in
 * decimal (`0x1F` → "31"), booleans as "true"/"false" (`on` → "true"), floats
 * with strconv.FormatFloat(f, 'g', -1, 32) (`1e6` → "1e+06"), ±Inf and NaN as
 * ".inf", "-.inf", ".nan". A null key, or an int beyond int64 (a Go uint64),
 * makes kubectl fail ("unsupported map key"): undefined.
 */
export function jsonKey(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  if (typeof key.value === 'string') return key.value;
  const resolved = goYamlScalarOf(key);
  const value = resolved?.value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return value <= MAX_INT64 ? String(value) : undefined;
  if (typeof value !== 'number') return undefined;
  if (resolved?.tag !== 'float') return String(value);
  const text = formatFloat32(value);
  return text === '+Inf' ? '.inf' : text === '-Inf' ? '-.inf' : text === 'NaN' ? '.nan' : text;
}

/**
 * A scalar as a string for readers that are lenient on purpose (placement,
 * cluster profiles): strings as resolved; numbers and booleans as written
 * (`1e3`, `0x1F`, `on`), which is what the user meant and what quoting them,
 * the diagnostics' quick fix, gives. undefined for null and non-scalars.
 */
export function writtenString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return node.source ?? String(value);
  return undefined;
}
