/** Sprig's string functions (strings.go, regex.go) as Helm registers them. */
import { createHash } from 'node:crypto';
import type { GoFunc } from '../template/exec';
import { quoteGo } from '../template/goStrings';
import type { GoValue } from '../template/values';
import { int, strval } from './convert';

type Fns = Map<string, GoFunc>;
const s = (v: GoValue): string => v as string;
const n = (v: GoValue): number => Number((v as { v: bigint }).v);

/** strings.Title: the first letter of each word upper-cased (a word starts after a space or punctuation). */
function title(str: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of str) {
    const sep = !/[\p{L}\p{Nd}_]/u.test(prev) || /\s/u.test(prev);
    out += sep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

/** Go's byte-indexed slicing of a UTF-8 string. */
function byteSlice(str: string, from: number, to?: number): string {
  return Buffer.from(str).subarray(from, to).toString('utf8');
}

/** Go regexp (RE2) syntax that JS reads differently or lacks is refused rather than guessed. */
export function goRegExp(re: string, flags = ''): RegExp {
  let src = re;
  let f = flags + 'u';
  const inline = /^\(\?([imsU]+)\)/.exec(src);
  if (inline) {
    if (inline[1].includes('U')) throw new Error(`regexp flag U is not supported by the built-in engine (set daemonsetTools.helmPath to use helm)`);
    f += inline[1].replace(/[^ims]/g, '');
    src = src.slice(inline[0].length);
  }
  if (/\\[zAQE]|\[\[:|\\p\{\^/.test(src)) throw new Error(`error parsing regexp: ${re} uses syntax the built-in engine does not support (set daemonsetTools.helmPath to use helm)`);
  src = src.replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(src, f);
  } catch (e) {
    throw new Error(`error parsing regexp: ${(e as Error).message}`);
  }
}

/** Go's Regexp.Expand template: $1, ${1}, $name, ${name}; $$ is a dollar. */
function expandTemplate(repl: string, m: RegExpExecArray): string {
  return repl.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_all, tok: string, braced?: string, bare?: string) => {
    if (tok === '$') return '$';
    const name = braced ?? bare!;
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

function regexReplaceAll(re: RegExp, src: string, repl: (m: RegExpExecArray) => string): string {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  let out = '';
  let last = 0;
  for (let m = g.exec(src); m; m = g.exec(src)) {
    out += src.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
    if (m[0].length === 0) g.lastIndex++;
  }
  return out + src.slice(last);
}

/** Adds Sprig's string functions to `f`. */
export function addStringFunctions(f: Fns): void {
  const def = (name: string, params: GoFunc['params'], fn: (a: GoValue[]) => GoValue, variadic?: GoFunc['variadic']): void => {
    f.set(name, { params, variadic, fn });
  };
  def('quote', [], (a) => a.filter((v) => v !== null && v !== undefined).map((v) => quoteGo(strval(v))).join(' '), 'any');
  def('squote', [], (a) => a.filter((v) => v !== null && v !== undefined).map((v) => `'${strval(v)}'`).join(' '), 'any');
  def('cat', [], (a) => a.filter((v) => v !== null && v !== undefined).map((v) => strval(v)).join(' '), 'any');
  def('indent', ['int', 'string'], ([c, v]) => ' '.repeat(Math.max(n(c), 0)) + s(v).replace(/\n/g, '\n' + ' '.repeat(Math.max(n(c), 0))));
  def('nindent', ['int', 'string'], ([c, v]) => '\n' + ' '.repeat(Math.max(n(c), 0)) + s(v).replace(/\n/g, '\n' + ' '.repeat(Math.max(n(c), 0))));
  def('trunc', ['int', 'string'], ([c, v]) => {
    const len = Buffer.byteLength(s(v));
    const k = n(c);
    if (k < 0 && len + k > 0) return byteSlice(s(v), len + k);
    if (k >= 0 && len > k) return byteSlice(s(v), 0, k);
    return s(v);
  });
  def('trim', ['string'], ([v]) => s(v).replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/gu, ''));
  def('trimAll', ['string', 'string'], ([cut, v]) => trimChars(s(v), s(cut)));
  def('trimall', ['string', 'string'], ([cut, v]) => trimChars(s(v), s(cut)));
  def('trimSuffix', ['string', 'string'], ([suf, v]) => (s(suf) && s(v).endsWith(s(suf)) ? s(v).slice(0, s(v).length - s(suf).length) : s(v)));
  def('trimPrefix', ['string', 'string'], ([pre, v]) => (s(v).startsWith(s(pre)) ? s(v).slice(s(pre).length) : s(v)));
  def('replace', ['string', 'string', 'string'], ([o, nw, v]) => (s(o) === '' ? insertEverywhere(s(v), s(nw)) : s(v).split(s(o)).join(s(nw))));
  def('lower', ['string'], ([v]) => s(v).toLowerCase());
  def('upper', ['string'], ([v]) => s(v).toUpperCase());
  def('title', ['string'], ([v]) => title(s(v)));
  def('untitle', ['string'], ([v]) => s(v).replace(/(^|[^\p{L}\p{Nd}_])(\p{L})/gu, (_m, p: string, c: string) => p + c.toLowerCase()));
  def('repeat', ['int', 'string'], ([c, v]) => s(v).repeat(Math.max(n(c), 0)));
  def('substr', ['int', 'int', 'string'], ([a, b, v]) => {
    const str = s(v);
    const len = Buffer.byteLength(str);
    const start = n(a);
    const end = n(b);
    if (start < 0) return byteSlice(str, 0, end);
    if (end < 0 || end > len) return byteSlice(str, start);
    return byteSlice(str, start, end);
  });
  def('nospace', ['string'], ([v]) => s(v).replace(/\s/gu, ''));
  def('contains', ['string', 'string'], ([sub, v]) => s(v).includes(s(sub)));
  def('hasPrefix', ['string', 'string'], ([p, v]) => s(v).startsWith(s(p)));
  def('hasSuffix', ['string', 'string'], ([p, v]) => s(v).endsWith(s(p)));
  def('splitList', ['string', 'string'], ([sep, v]) => goSplit(s(v), s(sep)));
  def('split', ['string', 'string'], ([sep, v]) => new Map(goSplit(s(v), s(sep)).map((p, i) => [`_${i}`, p])));
  def('splitn', ['string', 'int', 'string'], ([sep, c, v]) => {
    const parts = goSplit(s(v), s(sep));
    const k = n(c);
    const kept = k > 0 && parts.length > k ? [...parts.slice(0, k - 1), parts.slice(k - 1).join(s(sep))] : parts;
    return new Map(kept.map((p, i) => [`_${i}`, p]));
  });
  def('toString', ['any'], ([v]) => strval(v));
  def('atoi', ['string'], ([v]) => int(/^[+-]?\d+$/.test(s(v)) ? BigInt(s(v)) : 0n));
  def('plural', ['string', 'string', 'int'], ([one, many, c]) => (n(c) === 1 ? s(one) : s(many)));
  def('wrap', ['int', 'string'], ([w, v]) => wrapText(s(v), n(w)));
  def('abbrev', ['int', 'string'], ([w, v]) => (n(w) < 4 || s(v).length <= n(w) ? s(v) : s(v).slice(0, n(w) - 3) + '...'));
  def('snakecase', ['string'], ([v]) => s(v).replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s]+/g, '_').toLowerCase());
  def('kebabcase', ['string'], ([v]) => s(v).replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[_\s]+/g, '-').toLowerCase());
  def('camelcase', ['string'], ([v]) => s(v).split(/[_\s-]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(''));
  def('b64enc', ['string'], ([v]) => Buffer.from(s(v)).toString('base64'));
  def('b64dec', ['string'], ([v]) => {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s(v)) || s(v).length % 4 !== 0) return `illegal base64 data at input byte ${firstBadBase64(s(v))}`;
    return Buffer.from(s(v), 'base64').toString('utf8');
  });
  def('b32enc', ['string'], ([v]) => base32(Buffer.from(s(v))));
  def('sha256sum', ['string'], ([v]) => createHash('sha256').update(s(v)).digest('hex'));
  def('sha1sum', ['string'], ([v]) => createHash('sha1').update(s(v)).digest('hex'));
  def('sha512sum', ['string'], ([v]) => createHash('sha512').update(s(v)).digest('hex'));
  def('regexMatch', ['string', 'string'], ([re, v]) => goRegExp(s(re)).test(s(v)));
  def('mustRegexMatch', ['string', 'string'], ([re, v]) => goRegExp(s(re)).test(s(v)));
  def('regexFind', ['string', 'string'], ([re, v]) => goRegExp(s(re)).exec(s(v))?.[0] ?? '');
  def('regexFindAll', ['string', 'string', 'int'], ([re, v, c]) => {
    const all = [...s(v).matchAll(goRegExp(s(re), 'g'))].map((m) => m[0]);
    return n(c) < 0 ? all : all.slice(0, n(c));
  });
  def('regexReplaceAll', ['string', 'string', 'string'], ([re, v, repl]) => regexReplaceAll(goRegExp(s(re)), s(v), (m) => expandTemplate(s(repl), m)));
  def('regexReplaceAllLiteral', ['string', 'string', 'string'], ([re, v, repl]) => regexReplaceAll(goRegExp(s(re)), s(v), () => s(repl)));
  def('regexSplit', ['string', 'string', 'int'], ([re, v, c]) => {
    const parts = s(v).split(goRegExp(s(re), 'g'));
    return n(c) < 0 ? parts : parts.slice(0, n(c));
  });
  def('regexQuoteMeta', ['string'], ([v]) => s(v).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&'));
}

function trimChars(str: string, cut: string): string {
  const set = new Set(cut);
  const chars = [...str];
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a])) a++;
  while (b > a && set.has(chars[b - 1])) b--;
  return chars.slice(a, b).join('');
}

/** strings.Split: an empty separator splits into UTF-8 runes. */
function goSplit(str: string, sep: string): string[] {
  return sep === '' ? [...str] : str.split(sep);
}

/** strings.Replace with an empty `old`: inserted before every rune and at the end. */
function insertEverywhere(str: string, ins: string): string {
  return ins + [...str].map((c) => c + ins).join('');
}

function wrapText(str: string, width: number): string {
  const words = str.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && (line + ' ' + w).length > width) {
      lines.push(line);
      line = w;
    } else {
      line = line ? line + ' ' + w : w;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

function firstBadBase64(str: string): number {
  const i = str.search(/[^A-Za-z0-9+/=]/);
  return i >= 0 ? i : Math.floor(str.length / 4) * 4;
}

function base32(buf: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}
