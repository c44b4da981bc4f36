/** Sprig's conversions between Go values (strval, toInt64, cast.ToInt/ToFloat64, empty). */
import { sprint } from '../template/fmt';
import { type GoValue, GoInt, GoStruct } from '../template/values';

/** Sprig strval: strings as they are, Stringers through String(), the rest as fmt %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (v instanceof GoStruct && v.stringer) return v.stringer();
  return sprint([v]);
}

/** Sprig's toInt64 (numeric.go): strings in base 10, floats truncated, bools 1/0, anything else 0. */
export function toInt64(v: GoValue): bigint {
  if (typeof v === 'string') return /^[+-]?\d+$/.test(v) ? BigInt.asIntN(64, BigInt(v)) : 0n;
  if (v instanceof GoInt) return v.v;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt.asIntN(64, BigInt(Math.trunc(v))) : -(2n ** 63n);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return 0n;
}

/** cast.ToInt: like toInt64, but strings parse with Go's base prefixes after dropping a `.0…` tail. */
export function castToInt(v: GoValue): bigint {
  if (typeof v === 'string') {
    const s = /^[+-]?\d+\.0*$/.test(v) ? v.replace(/\.0*$/, '') : v;
    const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]*|[1-9][0-9_]*|0)$/.exec(s);
    if (!m) return 0n;
    const body = /^0[0-7]/.test(m[2]) ? '0o' + m[2].slice(1) : m[2];
    const n = BigInt(body.replace(/_/g, ''));
    return m[1] === '-' ? -n : n;
  }
  return toInt64(v);
}

/** cast.ToFloat64. */
export function toFloat64(v: GoValue): number {
  if (typeof v === 'number') return v;
  if (v instanceof GoInt) return Number(v.v);
  if (typeof v === 'string') {
    const n = Number(v.trim() === v ? v : NaN);
    return v === '' || Number.isNaN(n) ? 0 : n;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

/** Sprig's empty: the zero value of its type (nil, "", 0, false, an empty list or map). */
export function isEmpty(v: GoValue): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.length === 0;
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v === 0;
  if (v instanceof GoInt) return v.v === 0n;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  return false;
}

export const int64 = (n: bigint): GoInt => new GoInt(BigInt.asIntN(64, n), 'int64');
export const int = (n: bigint | number): GoInt => new GoInt(BigInt.asIntN(64, BigInt(n)), 'int');

/** A list argument as Go's reflect sees a slice; anything else is an error with Sprig's wording. */
export function asList(v: GoValue, fn: string): GoValue[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return [...v].map((b) => new GoInt(BigInt(b), 'uint8'));
  throw new Error(`Cannot ${fn} on type ${v === null || v === undefined ? '<nil>' : v instanceof Map ? 'map[string]interface {}' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'float64' : v instanceof GoInt ? v.type : 'bool'}`);
}

/** Go's reflect.DeepEqual over the value model. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === b) return true;
  if (a instanceof GoInt && b instanceof GoInt) return a.type === b.type && a.v === b.v;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, x]) => b.has(k) && deepEqual(x, b.get(k)));
  return false;
}

/** copystructure.Copy: fresh maps and lists all the way down. */
export function deepCopy(v: GoValue): GoValue {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, deepCopy(x)]));
  return v;
}
