/** Sprig's list, dict, math, type and default functions (list.go, dict.go, numeric.go, defaults.go, reflect.go). */
import type { GoFunc } from '../template/exec';
import { compareGoStrings } from '../../common/goStrings';
import { type GoMap, type GoValue, GoInt, formatFloat, isMap, kindOf, typeOf } from '../template/values';
import { asList, castToInt, deepCopy, deepEqual, int, int64, isEmpty, strval, toFloat64, toInt64 } from './convert';

type Fns = Map<string, GoFunc>;

/** mergo's deep merge of map[string]interface{} (Merge, and with `overwrite` MergeWithOverwrite). */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): GoMap {
  for (const [key, sv] of src) {
    const dv = dst.get(key);
    if (sv === null || sv === undefined) {
      if (overwrite) dst.set(key, null);
      continue;
    }
    if (sv instanceof Map && dv instanceof Map) mergeInto(dv, sv, overwrite);
    if (dv !== undefined && !isEmpty(dv) && (sv instanceof Map || Array.isArray(sv))) continue;
    if (overwrite || dv === undefined || isEmpty(dv)) dst.set(key, sv);
  }
  return dst;
}

function toStrings(v: GoValue): string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : strval(x)));
  if (typeof v === 'string') return [v];
  return [];
}

/** Adds Sprig's collection, math, type and default functions to `f`. */
export function addCollectionFunctions(f: Fns): void {
  const def = (name: string, params: GoFunc['params'], fn: (a: GoValue[]) => GoValue, variadic?: GoFunc['variadic']): void => {
    f.set(name, { params, variadic, fn });
  };
  // defaults.go
  def('default', ['any'], ([d, ...given]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]), 'any');
  def('empty', ['any'], ([v]) => isEmpty(v));
  def('coalesce', [], (a) => a.find((v) => !isEmpty(v)) ?? null, 'any');
  def('all', [], (a) => a.every((v) => !isEmpty(v)), 'any');
  def('any', [], (a) => a.some((v) => !isEmpty(v)), 'any');
  def('ternary', ['any', 'any', 'bool'], ([t, fa, c]) => (c ? t : fa));
  def('fromJson', ['string'], () => null);
  def('deepCopy', ['any'], ([v]) => deepCopy(v));
  def('mustDeepCopy', ['any'], ([v]) => deepCopy(v));
  // reflect.go
  def('kindOf', ['any'], ([v]) => kindOf(v));
  def('kindIs', ['string', 'any'], ([k, v]) => kindOf(v) === k);
  def('typeOf', ['any'], ([v]) => typeOf(v));
  def('typeIs', ['string', 'any'], ([t, v]) => typeOf(v) === t);
  def('typeIsLike', ['string', 'any'], ([t, v]) => typeOf(v) === t || '*' + typeOf(v) === t);
  def('deepEqual', ['any', 'any'], ([a, b]) => deepEqual(a, b));
  // numeric.go
  def('int', ['any'], ([v]) => int(castToInt(v)));
  def('int64', ['any'], ([v]) => int64(castToInt(v)));
  def('float64', ['any'], ([v]) => toFloat64(v));
  def('toDecimal', ['any'], ([v]) => int64(/^[0-7]+$/.test(strval(v)) ? BigInt('0o' + strval(v)) : 0n));
  def('add1', ['any'], ([v]) => int64(toInt64(v) + 1n));
  def('add', [], (a) => int64(a.reduce<bigint>((sum, v) => sum + toInt64(v), 0n)), 'any');
  def('sub', ['any', 'any'], ([a, b]) => int64(toInt64(a) - toInt64(b)));
  def('mul', ['any'], ([a, ...r]) => int64(r.reduce<bigint>((p, v) => p * toInt64(v), toInt64(a))), 'any');
  def('div', ['any', 'any'], ([a, b]) => {
    if (toInt64(b) === 0n) throw new Error('runtime error: integer divide by zero');
    return int64(toInt64(a) / toInt64(b));
  });
  def('mod', ['any', 'any'], ([a, b]) => {
    if (toInt64(b) === 0n) throw new Error('runtime error: integer divide by zero');
    return int64(toInt64(a) % toInt64(b));
  });
  def('max', ['any'], ([a, ...r]) => int64(r.reduce<bigint>((m, v) => (toInt64(v) > m ? toInt64(v) : m), toInt64(a))), 'any');
  def('min', ['any'], ([a, ...r]) => int64(r.reduce<bigint>((m, v) => (toInt64(v) < m ? toInt64(v) : m), toInt64(a))), 'any');
  def('addf', [], (a) => a.reduce<number>((sum, v) => sum + toFloat64(v), 0), 'any');
  def('subf', ['any'], ([a, ...r]) => r.reduce<number>((d, v) => d - toFloat64(v), toFloat64(a)), 'any');
  def('mulf', ['any'], ([a, ...r]) => r.reduce<number>((p, v) => p * toFloat64(v), toFloat64(a)), 'any');
  def('divf', ['any'], ([a, ...r]) => r.reduce<number>((q, v) => q / toFloat64(v), toFloat64(a)), 'any');
  def('maxf', ['any'], ([a, ...r]) => Math.max(toFloat64(a), ...r.map(toFloat64)), 'any');
  def('minf', ['any'], ([a, ...r]) => Math.min(toFloat64(a), ...r.map(toFloat64)), 'any');
  def('floor', ['any'], ([v]) => Math.floor(toFloat64(v)));
  def('ceil', ['any'], ([v]) => Math.ceil(toFloat64(v)));
  def('round', ['any', 'int'], ([v, p, r]) => {
    const pow = 10 ** Number((p as GoInt).v);
    const rf = r === undefined ? 0.5 : toFloat64(r);
    const x = toFloat64(v) * pow;
    const intPart = Math.trunc(x);
    return (x - intPart >= rf ? intPart + 1 : intPart) / pow;
  }, 'any');
  def('until', ['int'], ([c]) => range(0n, (c as GoInt).v, (c as GoInt).v >= 0n ? 1n : -1n));
  def('untilStep', ['int', 'int', 'int'], ([a, b, st]) => range((a as GoInt).v, (b as GoInt).v, (st as GoInt).v));
  def('seq', [], (a) => seq(a.map((v) => strval(v))), 'any');
  // list.go
  def('list', [], (a) => [...a], 'any');
  def('tuple', [], (a) => [...a], 'any');
  for (const name of ['append', 'push', 'mustAppend', 'mustPush']) def(name, ['any', 'any'], ([l, v]) => [...asList(l, 'push'), v]);
  for (const name of ['prepend', 'mustPrepend']) def(name, ['any', 'any'], ([l, v]) => [v, ...asList(l, 'prepend')]);
  for (const name of ['first', 'mustFirst']) def(name, ['any'], ([l]) => (asList(l, 'find first').length ? asList(l, 'find first')[0] : null));
  for (const name of ['last', 'mustLast']) def(name, ['any'], ([l]) => {
    const list = asList(l, 'find last');
    return list.length ? list[list.length - 1] : null;
  });
  for (const name of ['rest', 'mustRest']) def(name, ['any'], ([l]) => (asList(l, 'find rest').length ? asList(l, 'find rest').slice(1) : null));
  for (const name of ['initial', 'mustInitial']) def(name, ['any'], ([l]) => (asList(l, 'find initial').length ? asList(l, 'find initial').slice(0, -1) : null));
  for (const name of ['reverse', 'mustReverse']) def(name, ['any'], ([l]) => [...asList(l, 'find reverse')].reverse());
  for (const name of ['uniq', 'mustUniq']) def(name, ['any'], ([l]) => asList(l, 'find uniq').filter((v, i, all) => all.findIndex((w) => deepEqual(v, w)) === i));
  for (const name of ['compact', 'mustCompact']) def(name, ['any'], ([l]) => asList(l, 'compact').filter((v) => !isEmpty(v)));
  for (const name of ['without', 'mustWithout']) def(name, ['any'], ([l, ...omit]) => asList(l, 'find without').filter((v) => !omit.some((o) => deepEqual(v, o))), 'any');
  for (const name of ['has', 'mustHas']) def(name, ['any', 'any'], ([needle, hay]) => (hay === null || hay === undefined ? false : asList(hay, 'find has').some((v) => deepEqual(v, needle))));
  for (const name of ['slice', 'mustSlice']) def(name, ['any'], ([l, ...ix]) => {
    const list = asList(l, 'slice');
    const a = ix.length > 0 ? Number(toInt64(ix[0])) : 0;
    const b = ix.length > 1 ? Number(toInt64(ix[1])) : list.length;
    if (a < 0 || b > list.length || a > b) throw new Error(`runtime error: slice bounds out of range [${a}:${b}]`);
    return list.slice(a, b);
  }, 'any');
  def('concat', [], (a) => a.flatMap((l) => asList(l, 'concat')), 'any');
  def('sortAlpha', ['any'], ([l]) => toStrings(l).sort(compareGoStrings));
  def('toStrings', ['any'], ([l]) => toStrings(l));
  def('join', ['string', 'any'], ([sep, l]) => toStrings(l).join(sep as string));
  // dict.go
  def('dict', [], (a) => {
    const m: GoMap = new Map();
    for (let i = 0; i < a.length; i += 2) m.set(strval(a[i]), i + 1 < a.length ? a[i + 1] : '');
    return m;
  }, 'any');
  def('get', ['map', 'string'], ([d, k]) => ((d as GoMap | null)?.has(k as string) ? (d as GoMap).get(k as string)! : ''));
  def('set', ['map', 'string', 'any'], ([d, k, v]) => {
    (d as GoMap).set(k as string, v);
    return d;
  });
  def('unset', ['map', 'string'], ([d, k]) => {
    (d as GoMap).delete(k as string);
    return d;
  });
  def('hasKey', ['map', 'string'], ([d, k]) => (d as GoMap | null)?.has(k as string) ?? false);
  def('pluck', ['string'], ([k, ...ds]) => ds.filter((d): d is GoMap => isMap(d) && d.has(k as string)).map((d) => d.get(k as string)!), 'map');
  def('keys', [], (ds) => ds.flatMap((d) => [...((d as GoMap | null)?.keys() ?? [])]).sort(compareGoStrings), 'map');
  def('values', ['map'], ([d]) => [...((d as GoMap | null)?.values() ?? [])]);
  def('pick', ['map'], ([d, ...ks]) => new Map([...(d as GoMap)].filter(([k]) => ks.includes(k))), 'string');
  def('omit', ['map'], ([d, ...ks]) => new Map([...(d as GoMap)].filter(([k]) => !ks.includes(k))), 'string');
  def('dig', ['any'], (a) => dig(a), 'any');
  for (const name of ['merge', 'mustMerge']) def(name, ['map'], ([d, ...srcs]) => srcs.reduce<GoMap>((acc, src) => (isMap(src) ? mergeInto(acc, src, false) : acc), d as GoMap), 'map');
  for (const name of ['mergeOverwrite', 'mustMergeOverwrite']) def(name, ['map'], ([d, ...srcs]) => srcs.reduce<GoMap>((acc, src) => (isMap(src) ? mergeInto(acc, src, true) : acc), d as GoMap), 'map');
}

function range(start: bigint, stop: bigint, step: bigint): GoInt[] {
  const out: GoInt[] = [];
  if (step === 0n) return out;
  for (let i = start; step > 0n ? i < stop : i > stop; i += step) out.push(new GoInt(i));
  return out;
}

/** Sprig's seq, like the Unix command: `seq 3`, `seq 2 5`, `seq 0 2 10`. */
function seq(params: string[]): string {
  const nums = params.map((p) => Number(p));
  let [start, step, end] = [1, 1, 0];
  if (nums.length === 1) end = nums[0];
  else if (nums.length === 2) [start, end] = nums;
  else if (nums.length === 3) [start, step, end] = nums;
  else return '';
  if (nums.length !== 3 && end < start) step = -1;
  const out: string[] = [];
  if (step === 0 || (step > 0 && start > end) || (step < 0 && start < end)) return '';
  for (let i = start; step > 0 ? i <= end : i >= end; i += step) out.push(formatFloat(i));
  return out.join(' ');
}

function dig(args: GoValue[]): GoValue {
  if (args.length < 3) throw new Error('dig needs at least three arguments');
  const dict = args[args.length - 1];
  const dflt = args[args.length - 2];
  const keys = args.slice(0, -2);
  let cur: GoValue = dict;
  for (const k of keys) {
    if (!isMap(cur) || !cur.has(strval(k))) return dflt;
    cur = cur.get(strval(k))!;
  }
  return cur;
}
