/**
 * `--set` as Helm parses it (pkg/strvals): `a.b=c,d[0]=e,f={x,y}`, `\` escapes
 * the next character, values typed (true/false/null, integers without a
 * leading zero become int64), `--set-string` keeps text.
 */
import { type GoMap, type GoValue, GoInt } from '../template/values';

const MAX_INDEX = 65536;

/** A `--set` expression Helm would refuse, with Helm's wording. */
export class SetParseError extends Error {}

function typedVal(v: string, asString: boolean): GoValue {
  if (asString) return v;
  const lower = v.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (v === '0') return new GoInt(0n, 'int64');
  if (v.length > 0 && v[0] !== '0' && /^[+-]?\d+$/.test(v)) {
    const n = BigInt(v);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return new GoInt(n, 'int64');
  }
  return v;
}

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  /** Runes up to one of `stops` (unescaped), the stop found ('' at the end). */
  runesUntil(stops: string): { text: string; stop: string } {
    let text = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === '\\') {
        if (this.i < this.s.length) text += this.s[this.i++];
        continue;
      }
      if (stops.includes(c)) return { text, stop: c };
      text += c;
    }
    return { text, stop: '' };
  }
  peek(): string {
    return this.s[this.i] ?? '';
  }
}

/** Applies one `--set` (or `--set-string` when `asString`) argument to `base`, as strvals.ParseInto does. */
export function applySet(base: GoMap, expr: string, asString = false): void {
  const c = new Cursor(expr);
  while (c.i < expr.length) {
    key(c, base, asString);
  }
}

function key(c: Cursor, data: GoMap, asString: boolean): void {
  const { text: k, stop } = c.runesUntil('=[,.');
  switch (stop) {
    case '':
      if (k === '') return;
      throw new SetParseError(`key "${k}" has no value`);
    case ',':
      throw new SetParseError(`key "${k}" has no value (cannot end with ,)`);
    case '=':
      if (c.peek() === '{') {
        c.i++;
        data.set(k, listValues(c, asString));
        if (c.peek() === ',') c.i++;
        return;
      }
      data.set(k, typedVal(c.runesUntil(',').text, asString));
      return;
    case '.': {
      if (k === '') throw new SetParseError(`key map "${k}" has no value`);
      let inner = data.get(k);
      if (!(inner instanceof Map)) data.set(k, (inner = new Map()));
      key(c, inner, asString);
      return;
    }
    case '[': {
      let list = data.get(k);
      if (!Array.isArray(list)) list = [];
      data.set(k, listItem(c, list, asString));
      return;
    }
  }
}

function listValues(c: Cursor, asString: boolean): GoValue[] {
  const out: GoValue[] = [];
  for (;;) {
    const { text, stop } = c.runesUntil(',}');
    if (stop === '') throw new SetParseError('list must terminate with \'}\'');
    if (stop === '}') {
      if (text !== '' || out.length > 0) out.push(typedVal(text, asString));
      return out;
    }
    out.push(typedVal(text, asString));
  }
}

function listIndex(c: Cursor): number {
  const { text, stop } = c.runesUntil(']');
  if (stop !== ']') throw new SetParseError('error parsing index: unterminated [');
  if (!/^\d+$/.test(text)) throw new SetParseError(`failed to parse index: ${text}`);
  const i = Number(text);
  if (i > MAX_INDEX) throw new SetParseError(`index of ${i} is greater than maximum supported index of ${MAX_INDEX}`);
  return i;
}

function setIndex(list: GoValue[], i: number, v: GoValue): GoValue[] {
  while (list.length <= i) list.push(null);
  list[i] = v;
  return list;
}

function listItem(c: Cursor, list: GoValue[], asString: boolean): GoValue[] {
  const i = listIndex(c);
  const next = c.s[c.i++] ?? '';
  switch (next) {
    case '':
      return setIndex(list, i, '');
    case '=':
      if (c.peek() === '{') {
        c.i++;
        const vals = listValues(c, asString);
        if (c.peek() === ',') c.i++;
        return setIndex(list, i, vals);
      }
      return setIndex(list, i, typedVal(c.runesUntil(',').text, asString));
    case '[': {
      const inner = Array.isArray(list[i]) ? (list[i]) : [];
      return setIndex(list, i, listItem(c, inner, asString));
    }
    case '.': {
      const inner = list[i] instanceof Map ? (list[i]) : new Map<string, GoValue>();
      setIndex(list, i, inner);
      key(c, inner, asString);
      return list;
    }
  }
  throw new SetParseError(`parse error: unexpected data at end of array index: ${next}`);
}
