/** Go's fmt.Sprint, Sprintln and Sprintf over Go values (the verbs charts use, with flags, width and precision). */
import { quoteGo } from './goStrings';
import { type GoValue, GoInt, GoStruct, formatFloat, formatValue, sortedKeys, typeOf } from './values';

const isStringValue = (v: GoValue): boolean => typeof v === 'string';

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((arg, i) => {
    if (i > 0 && !isStringValue(arg) && !isStringValue(args[i - 1])) out += ' ';
    out += formatValue(arg);
  });
  return out;
}

/** fmt.Sprintln: always spaces, and a newline. */
export function sprintln(args: GoValue[]): string {
  return args.map((a) => formatValue(a)).join(' ') + '\n';
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argNum = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = !spec.minus;
      else break;
    }
    const readNum = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argNum++];
        return a instanceof GoInt ? Number(a.v) : undefined;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    spec.width = readNum();
    if (format[i] === '.') {
      i++;
      spec.prec = readNum() ?? 0;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += pad(formatArg(args[argNum++], verb, spec), spec, verb);
  }
  if (argNum < args.length) {
    out += '%!(EXTRA ' + args.slice(argNum).map((a) => (a === null || a === undefined ? '<nil>' : `${typeOf(a)}=${formatValue(a)}`)).join(', ') + ')';
  }
  return out;
}

function pad(s: string, spec: Spec, verb: string): string {
  if (spec.width === undefined || [...s].length >= spec.width) return s;
  const fill = spec.width - [...s].length;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero && 'dfFeEgGxXob'.includes(verb) && /^[+-]/.test(s)) return s[0] + '0'.repeat(fill) + s.slice(1);
  if (spec.zero && verb !== 'v' || spec.zero && verb === 'v' && /^-?[0-9]/.test(s)) return '0'.repeat(fill) + s;
  return ' '.repeat(fill) + s;
}

function badVerb(v: GoValue, verb: string): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeOf(v)}=${formatValue(v)})`;
}

function signed(s: string, spec: Spec): string {
  if (s.startsWith('-')) return s;
  return spec.plus ? '+' + s : spec.space ? ' ' + s : s;
}

function formatArg(v: GoValue, verb: string, spec: Spec): string {
  if (verb === 'T') return typeOf(v);
  if (verb === 'v') {
    if (spec.sharp && typeof v === 'string') return quoteGo(v);
    if (typeof v === 'number' && spec.prec !== undefined) return signed(formatFloat(v, 'g', spec.prec), spec);
    if ((typeof v === 'number' || v instanceof GoInt) && spec.plus) return signed(formatValue(v), spec);
    return formatValue(v);
  }
  if (Array.isArray(v) && verb !== 'T') return `[${v.map((e) => formatArg(e, verb, { ...spec, width: undefined })).join(' ')}]`;
  if (v instanceof Map) {
    const m = v;
    return `map[${sortedKeys(m).map((k) => `${formatArg(k, verb, spec)}:${formatArg(m.get(k), verb, spec)}`).join(' ')}]`;
  }
  if (v instanceof GoStruct && v.stringer && 'sqvxX'.includes(verb)) v = v.stringer();
  if (v instanceof Uint8Array && 'sqxX'.includes(verb)) v = Buffer.from(v).toString('utf8');
  if (typeof v === 'string') {
    const s = spec.prec !== undefined ? [...v].slice(0, spec.prec).join('') : v;
    switch (verb) {
      case 's':
        return s;
      case 'q':
        return spec.sharp && !s.includes('`') ? '`' + s + '`' : quoteGo(s);
      case 'x':
      case 'X': {
        const hex = Buffer.from(s).toString('hex');
        return verb === 'X' ? hex.toUpperCase() : hex;
      }
    }
    return badVerb(v, verb);
  }
  if (typeof v === 'boolean') return verb === 't' ? String(v) : badVerb(v, verb);
  if (v instanceof GoInt) {
    const n = v.v;
    const abs = n < 0n ? -n : n;
    const neg = n < 0n ? '-' : '';
    let digits: string;
    switch (verb) {
      case 'd':
        digits = abs.toString();
        break;
      case 'x':
        digits = (spec.sharp ? '0x' : '') + abs.toString(16);
        break;
      case 'X':
        digits = (spec.sharp ? '0X' : '') + abs.toString(16).toUpperCase();
        break;
      case 'o':
        digits = (spec.sharp ? '0' : '') + abs.toString(8);
        break;
      case 'b':
        digits = abs.toString(2);
        break;
      case 'c':
        return String.fromCodePoint(Number(n));
      case 'q':
        return quoteGo(String.fromCodePoint(Number(n)), "'");
      case 'U':
        return 'U+' + abs.toString(16).toUpperCase().padStart(4, '0');
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        return badVerb(v, verb);
      default:
        return badVerb(v, verb);
    }
    if (spec.prec !== undefined) digits = digits.padStart(spec.prec, '0');
    return signed(neg + digits, spec);
  }
  if (typeof v === 'number') {
    const p = spec.prec;
    switch (verb) {
      case 'f':
      case 'F':
        return signed(formatFloat(v, 'f', p ?? 6), spec);
      case 'e':
        return signed(formatFloat(v, 'e', p ?? 6), spec);
      case 'E':
        return signed(formatFloat(v, 'e', p ?? 6).toUpperCase(), spec);
      case 'g':
        return signed(formatFloat(v, 'g', p ?? -1), spec);
      case 'G':
        return signed(formatFloat(v, 'g', p ?? -1).toUpperCase(), spec);
    }
    return badVerb(v, verb);
  }
  return badVerb(v, verb);
}
