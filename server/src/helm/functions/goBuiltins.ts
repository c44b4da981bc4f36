/** text/template's own functions (text/template/funcs.go builtins). */
import type { GoFunc } from '../template/exec';
import { sprint, sprintf, sprintln } from '../template/fmt';
import { type GoValue, GoInt, GoStruct, formatValue, isTrue, typeOf } from '../template/values';

type Kind = 'invalid' | 'bool' | 'int' | 'float' | 'string';

function basicKind(v: GoValue): Kind | 'other' {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float';
  if (v instanceof GoInt) return 'int';
  return 'other';
}

const BAD_TYPE = 'invalid type for comparison';
const INCOMPATIBLE = 'incompatible types for comparison';

function eq(args: GoValue[]): boolean {
  const [a, ...rest] = args;
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of rest) {
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if (a !== undefined && a !== null && b !== undefined && b !== null) throw new Error(INCOMPATIBLE);
    } else if (k1 === 'int') {
      truth = (a as GoInt).v === (b as GoInt).v;
    } else if (k1 === 'other') {
      if (Array.isArray(a) || a instanceof Map || a instanceof Uint8Array) throw new Error(`non-comparable type ${formatValue(a)}: ${typeOf(a)}`);
      if (Array.isArray(b) || b instanceof Map || b instanceof Uint8Array) throw new Error(`non-comparable type ${formatValue(b)}: ${typeOf(b)}`);
      truth = a === b;
    } else if (k1 === 'invalid') {
      truth = true;
    } else {
      truth = a === b;
    }
    if (truth) return true;
  }
  return false;
}

function lt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k1 === 'other' || k2 === 'invalid' || k2 === 'other') throw new Error(BAD_TYPE);
  if (k1 !== k2) throw new Error(INCOMPATIBLE);
  if (k1 === 'bool') throw new Error(BAD_TYPE);
  if (k1 === 'int') return (a as GoInt).v < (b as GoInt).v;
  if (k1 === 'string') return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)) < 0;
  return (a as number) < (b as number);
}

function index(item: GoValue, indexes: GoValue[]): GoValue {
  let v = item;
  if (v === undefined || v === null) throw new Error('index of untyped nil');
  for (const ix of indexes) {
    if (v === undefined || v === null) throw new Error('index of nil pointer');
    if (Array.isArray(v) || typeof v === 'string' || v instanceof Uint8Array) {
      const i = indexArg(ix, v.length);
      if (typeof v === 'string') v = new GoInt(BigInt(Buffer.from(v)[i]), 'uint8');
      else if (v instanceof Uint8Array) v = new GoInt(BigInt(v[i]), 'uint8');
      else v = v[i];
    } else if (v instanceof Map) {
      if (typeof ix !== 'string') throw new Error(`value has type ${typeOf(ix)}; should be string`);
      const got = v.get(ix);
      v = got === undefined ? null : got;
    } else {
      throw new Error(`can't index item of type ${typeOf(v)}`);
    }
  }
  return v;
}

function indexArg(ix: GoValue, cap: number): number {
  if (!(ix instanceof GoInt)) throw new Error(`cannot index slice/array with type ${typeOf(ix)}`);
  const x = Number(ix.v);
  if (x < 0 || x >= cap) throw new Error(`index out of range: ${x}`);
  return x;
}

function sliceFn(item: GoValue, idx: GoValue[]): GoValue {
  if (item === undefined || item === null) throw new Error('slice of untyped nil');
  if (idx.length > 3) throw new Error(`too many slice indexes: ${idx.length}`);
  if (!(typeof item === 'string' || Array.isArray(item))) throw new Error(`can't slice item of type ${typeOf(item)}`);
  if (typeof item === 'string' && idx.length === 3) throw new Error('cannot 3-index slice a string');
  const len = typeof item === 'string' ? Buffer.byteLength(item) : item.length;
  const bounds = [0, len];
  idx.forEach((x, i) => {
    if (!(x instanceof GoInt)) throw new Error(`cannot index slice/array with type ${typeOf(x)}`);
    const n = Number(x.v);
    if (n < 0 || n > len) throw new Error(`index out of range: ${n}`);
    bounds[i] = n;
  });
  if (bounds[0] > bounds[1]) throw new Error(`invalid slice index: ${bounds[0]} > ${bounds[1]}`);
  return typeof item === 'string' ? Buffer.from(item).subarray(bounds[0], bounds[1]).toString('utf8') : item.slice(bounds[0], bounds[1]);
}

function lengthOf(v: GoValue): GoInt {
  if (v === undefined || v === null) throw new Error('len of nil pointer');
  if (typeof v === 'string') return new GoInt(BigInt(Buffer.byteLength(v)));
  if (Array.isArray(v) || v instanceof Uint8Array) return new GoInt(BigInt(v.length));
  if (v instanceof Map) return new GoInt(BigInt(v.size));
  throw new Error(`len of type ${typeOf(v)}`);
}

const HTML_ESCAPES: Record<string, string> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;', '\0': '\uFFFD' };

/** Go's builtin functions by name. */
export function goBuiltins(): Map<string, GoFunc> {
  const f = new Map<string, GoFunc>();
  // and/or are evaluated lazily by the executor; these entries only declare them.
  f.set('and', { params: ['value'], variadic: 'value', fn: () => undefined });
  f.set('or', { params: ['value'], variadic: 'value', fn: () => undefined });
  f.set('not', { params: ['value'], fn: ([a]) => !isTrue(a) });
  f.set('len', { params: ['value'], fn: ([a]) => lengthOf(a) });
  f.set('index', { params: ['value'], variadic: 'value', fn: ([a, ...ix]) => index(a, ix) });
  f.set('slice', { params: ['value'], variadic: 'value', fn: ([a, ...ix]) => sliceFn(a, ix) });
  f.set('print', { params: [], variadic: 'any', fn: (a) => sprint(a) });
  f.set('println', { params: [], variadic: 'any', fn: (a) => sprintln(a) });
  f.set('printf', { params: ['string'], variadic: 'any', fn: ([format, ...a]) => sprintf(format as string, a) });
  f.set('eq', { params: ['value'], variadic: 'value', fn: (a) => eq(a) });
  f.set('ne', { params: ['value', 'value'], fn: ([a, b]) => !eq([a, b]) });
  f.set('lt', { params: ['value', 'value'], fn: ([a, b]) => lt(a, b) });
  f.set('le', { params: ['value', 'value'], fn: ([a, b]) => lt(a, b) || eq([a, b]) });
  f.set('gt', { params: ['value', 'value'], fn: ([a, b]) => !lt(a, b) && !eq([a, b]) });
  f.set('ge', { params: ['value', 'value'], fn: ([a, b]) => !lt(a, b) });
  f.set('html', { params: [], variadic: 'any', fn: (a) => evalArgs(a).replace(/["'&<>\0]/g, (c) => HTML_ESCAPES[c]) });
  f.set('urlquery', { params: [], variadic: 'any', fn: (a) => encodeURIComponent(evalArgs(a)).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()) });
  f.set('js', { params: [], variadic: 'any', fn: (a) => jsEscape(evalArgs(a)) });
  return f;
}

/** funcs.go evalArgs: one string argument as is, else fmt.Sprint. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  if (args.length === 1 && args[0] instanceof GoStruct && args[0].stringer) return args[0].stringer();
  return sprint(args);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}
