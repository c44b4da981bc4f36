/**
 * Go values as the template engine sees them. Helm hands templates
 * map[string]interface{} trees decoded through JSON, so every number from a
 * values file is a float64 (a JS number); Go ints (template constants, len,
 * Sprig arithmetic, `--set` integers) are GoInt. `undefined` is Go's invalid
 * reflect.Value (printed `<no value>`), `null` a nil interface.
 */
import { compareGoStrings } from '../../common/goStrings';

/** A Go integer: `int` from constants and builtins, `int64` from Sprig and `--set`. */
export class GoInt {
  constructor(
    readonly v: bigint,
    readonly type: 'int' | 'int64' | 'int32' | 'uint8' = 'int',
  ) {}
  toString(): string {
    return this.v.toString();
  }
}

/** A Go struct or named type with fields and methods (`.Chart`, `.Capabilities`, `.Files`). */
export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: Record<string, GoValue>,
    readonly methods: Record<string, GoMethod> = {},
    /** What fmt prints for it (a String() method), if any. */
    readonly stringer?: () => string,
    /** What encoding/json makes of it, for toYaml/toJson. */
    readonly toJson?: () => GoValue,
  ) {}
}

/** A method: called with the already converted arguments. */
export interface GoMethod {
  params: ParamType[];
  variadic?: ParamType;
  fn: (...args: GoValue[]) => GoValue;
}

export type GoMap = Map<string, GoValue>;
export type GoValue = undefined | null | string | boolean | number | GoInt | GoValue[] | GoMap | GoStruct | Uint8Array;

/** The Go parameter types the engine converts arguments to (text/template's validateType). */
export type ParamType = 'any' | 'string' | 'int' | 'int64' | 'float64' | 'bool' | 'map' | 'slice' | 'value';

export function isMap(v: GoValue): v is GoMap {
  return v instanceof Map;
}

/** Go's reflect kind names, as Sprig's kindOf gives them. */
export function kindOf(v: GoValue): string {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (v instanceof GoInt) return v.type;
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (v instanceof Map) return 'map';
  return v.typeName.startsWith('*') ? 'ptr' : v.typeName.startsWith('[]') ? 'slice' : v.typeName.startsWith('map[') ? 'map' : 'struct';
}

/** Go's %T. */
export function typeOf(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (v instanceof GoInt) return v.type;
  if (v instanceof Uint8Array) return '[]uint8';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Map) return 'map[string]interface {}';
  return v.typeName;
}

/** text/template's isTrue: the truth of a value in `if`, `with`, `and`, `or`, `not`. */
export function isTrue(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof GoInt) return v.v !== 0n;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  return true;
}

/** Go's sort order for map keys in range and fmt (strings byte-wise). */
export function sortedKeys(m: GoMap): string[] {
  return [...m.keys()].sort(compareGoStrings);
}


/**
 * strconv.FormatFloat(x, verb, prec, 64): `g` with prec -1 is fmt's %v
 * (shortest digits, exponent form below 1e-4 and from 1e+06 on).
 */
export function formatFloat(x: number, verb: 'g' | 'e' | 'f' = 'g', prec = -1): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const a = Math.abs(x);
  if (verb === 'f') return sign + (prec < 0 ? fixedShortest(a) : a.toFixed(prec));
  const shortest = prec < 0;
  if (verb === 'g' && prec === 0) prec = 1;
  const sig = shortest ? a.toExponential() : verb === 'e' ? a.toExponential(prec) : a.toExponential(prec - 1);
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(sig)!;
  let digits = m[1] + (m[2] ?? '');
  const exp = a === 0 ? 0 : Number(m[3]);
  if (verb === 'e') return sign + expForm(digits, shortest ? digits.length - 1 : prec, exp);
  digits = digits.replace(/0+$/, '') || '0';
  const nd = a === 0 ? 0 : digits.length;
  const dp = exp + 1;
  let eprec = shortest ? nd : prec;
  if (eprec > nd && nd >= dp) eprec = nd;
  if (shortest) eprec = 6;
  if (exp < -4 || exp >= eprec) {
    let p = shortest ? nd : prec;
    if (p > nd) p = nd;
    return sign + expForm(digits, p - 1, exp);
  }
  let p = shortest ? nd : prec;
  if (p > dp) p = nd;
  return sign + fixedFromDigits(a === 0 ? '' : digits, dp, Math.max(p - dp, 0));
}

function expForm(digits: string, prec: number, exp: number): string {
  const mant = prec > 0 ? `${digits[0]}.${digits.slice(1, prec + 1).padEnd(prec, '0')}` : digits[0];
  return mant + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
}

/** %f of the decimal digits `digits` with the point after `dp` of them, `prec` places. */
function fixedFromDigits(digits: string, dp: number, prec: number): string {
  const intPart = dp > 0 ? digits.slice(0, dp).padEnd(dp, '0') : '0';
  let frac = '';
  for (let i = 0; i < prec; i++) {
    const j = dp + i;
    frac += j >= 0 && j < digits.length ? digits[j] : '0';
  }
  return prec > 0 ? `${intPart}.${frac}` : intPart;
}

function fixedShortest(a: number): string {
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(a.toExponential())!;
  const digits = (m[1] + (m[2] ?? '')).replace(/0+$/, '') || '0';
  const dp = a === 0 ? 1 : Number(m[3]) + 1;
  return fixedFromDigits(a === 0 ? '0' : digits, dp, Math.max(digits.length - dp, 0));
}

/** fmt's %v (fmt.Sprint of one operand). */
export function formatValue(v: GoValue, nested = false): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatFloat(v);
  if (v instanceof GoInt) return v.v.toString();
  if (v instanceof Uint8Array) return `[${[...v].join(' ')}]`;
  if (Array.isArray(v)) return `[${v.map((e) => formatValue(e, true)).join(' ')}]`;
  if (v instanceof Map) return `map[${sortedKeys(v).map((k) => `${k}:${formatValue(v.get(k), true)}`).join(' ')}]`;
  if (v.stringer) return v.stringer();
  const inner = Object.values(v.fields).map((f) => formatValue(f, true)).join(' ');
  return v.typeName.startsWith('*') && !nested ? `&{${inner}}` : `{${inner}}`;
}
