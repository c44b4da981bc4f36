/**
 * What Helm's toYaml prints: sigs.k8s.io/yaml.Marshal, i.e. encoding/json
 * first, then go-yaml v2 (v2.4.0's emitter: sorted keys in its natural order,
 * block style, sequences not indented under their key, plain scalars unless
 * they would read back as another type, `|-` literals for multi-line strings,
 * lines folded at 80 columns). Ported from go-yaml's emitterc.go, encode.go,
 * resolve.go and sorter.go; with a line map to the values-file lines.
 */
import type { KeyOrigins } from '../template/exec';
import type { Origin } from '../template/output';
import { type GoValue, GoInt, GoStruct, formatFloat } from '../template/values';
import { resolveGoYaml } from '../../languageService/yamlModel/goYamlScalars';

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

/** A value encoding/json cannot marshal (NaN, a function); Helm's toYaml then prints "". */
export class MarshalError extends Error {}

/** sigs.k8s.io/yaml.Marshal(v) (with its trailing newline) and the origin of each output line. */
export function marshalYaml(v: GoValue, keyOrigins?: KeyOrigins): { text: string; origins: Array<Origin | undefined> } {
  const e = new Emitter(keyOrigins);
  e.node(toJsonTree(v), true, false, false, false);
  e.writeIndent();
  return { text: e.out.join(''), origins: e.origins };
}

/** encoding/json's view of a value, then go-yaml's reading of that JSON (ints stay ints, floats resolve). */
type Tree = { kind: 'scalar'; text: string; isString: boolean } | { kind: 'seq'; items: Tree[]; src: object } | { kind: 'map'; keys: string[]; values: Tree[]; src: object };

function toJsonTree(v: GoValue): Tree {
  if (v === undefined || v === null) return { kind: 'scalar', text: 'null', isString: false };
  if (typeof v === 'string') return { kind: 'scalar', text: v, isString: true };
  if (typeof v === 'boolean') return { kind: 'scalar', text: String(v), isString: false };
  if (v instanceof GoInt) return { kind: 'scalar', text: v.v.toString(), isString: false };
  if (typeof v === 'number') return { kind: 'scalar', text: yamlNumber(v), isString: false };
  if (v instanceof Uint8Array) return { kind: 'scalar', text: Buffer.from(v).toString('base64'), isString: true };
  if (Array.isArray(v)) return { kind: 'seq', items: v.map(toJsonTree), src: v };
  if (v instanceof Map) {
    const keys = [...v.keys()].sort(compareKeys);
    return { kind: 'map', keys, values: keys.map((k) => toJsonTree(v.get(k))), src: v };
  }
  if (v instanceof GoStruct && v.toJson) return toJsonTree(v.toJson());
  throw new MarshalError(`json: unsupported type: ${v instanceof GoStruct ? v.typeName : typeof v}`);
}

/** A float64 through encoding/json and back through go-yaml's resolver. */
function yamlNumber(x: number): string {
  if (!Number.isFinite(x)) throw new MarshalError(`json: unsupported value: ${formatFloat(x)}`);
  if (Number.isInteger(x) && Math.abs(x) < 1e21) {
    const big = BigInt(x);
    if (big >= -(2n ** 63n) && big < 2n ** 64n) return big.toString();
  }
  return formatFloat(x);
}

/** go-yaml v2's keyList.Less for string keys: runs of digits compare as numbers, letters before other runes. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return keyLess(a, b) ? -1 : 1;
}

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => /\p{Nd}/u.test(c);

function keyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

/** encode.go's base60float: YAML 1.1 sexagesimal numbers, which go-yaml reads as strings but quotes on the way out. */
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/**
 * Whether s may be written plain (encode.go stringv): go-yaml's resolve("", s)
 * gives !!str, by the one resolver every reader of YAML here uses
 * (goYamlScalars.ts), and it is no base-60 number.
 */
export function resolvesToString(s: string): boolean {
  const resolved = resolveGoYaml(s);
  return !('error' in resolved) && resolved.tag === 'str' && !BASE60_FLOAT.test(s);
}

type Style = 'plain' | 'single' | 'double' | 'literal';

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

const isBreak = (c: string | undefined): boolean => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBlankz = (c: string | undefined): boolean => c === undefined || c === '\0' || isBlank(c) || isBreak(c);

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

/** emitterc.go yaml_emitter_analyze_scalar. */
function analyze(value: string): Analysis {
  if (value.length === 0) return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  const r = [...value];
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockInd = true;
    flowInd = true;
  }
  let precededByWs = true;
  for (let i = 0; i < r.length; i++) {
    const c = r[i];
    const followedByWs = i + 1 >= r.length || isBlank(r[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowInd = true;
        blockInd = true;
      } else if (c === '?' || c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      } else if (c === '-' && followedByWs) {
        flowInd = true;
        blockInd = true;
      }
    } else if (',?[]{}'.includes(c)) {
      flowInd = true;
    } else if (c === ':') {
      flowInd = true;
      if (followedByWs) blockInd = true;
    } else if (c === '#' && precededByWs) {
      flowInd = true;
      blockInd = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === r.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === r.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankz(c);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.singleQuoted = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.singleQuoted = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

/** The emitter state of emitterc.go, for the block styles Marshal produces. */
class Emitter {
  readonly out: string[] = [];
  readonly origins: Array<Origin | undefined> = [undefined];
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private mappingContext = false;
  private simpleKeyContext = false;

  constructor(private readonly keyOrigins?: KeyOrigins) {}

  private put(s: string): void {
    this.out.push(s);
    this.column += [...s].length;
  }

  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
    this.origins.push(this.origins[this.origins.length - 1]);
  }

  private setOrigin(o: Origin | undefined): void {
    if (o) this.origins[this.origins.length - 1] = o;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(s: string, needWs: boolean, isWs: boolean, isIndention: boolean): void {
    if (needWs && !this.whitespace) this.put(' ');
    this.put(s);
    this.whitespace = isWs;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  node(t: Tree, _root: boolean, _sequence: boolean, mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (t.kind === 'scalar') return this.scalar(t.text, t.isString);
    if (t.kind === 'seq') {
      if (t.items.length === 0 || this.flowLevel > 0) return this.flowEmpty('[', ']');
      this.increaseIndent(false, this.mappingContext && !this.indention);
      t.items.forEach((item, i) => {
        this.writeIndent();
        this.setOrigin(this.keyOrigins?.(t.src, i));
        this.indicator('-', true, false, true);
        this.node(item, false, true, false, false);
      });
      this.popIndent();
      return;
    }
    if (t.keys.length === 0 || this.flowLevel > 0) return this.flowEmpty('{', '}');
    this.increaseIndent(false, false);
    t.keys.forEach((key, i) => {
      this.writeIndent();
      this.setOrigin(this.keyOrigins?.(t.src, key));
      const simple = !analyze(key).multiline && Buffer.byteLength(key) <= 128;
      if (simple) {
        this.node({ kind: 'scalar', text: key, isString: true }, false, false, true, true);
        this.indicator(':', false, false, false);
      } else {
        this.indicator('?', true, false, true);
        this.node({ kind: 'scalar', text: key, isString: true }, false, false, true, false);
        this.writeIndent();
        this.indicator(':', true, false, true);
      }
      this.node(t.values[i], false, false, true, false);
    });
    this.popIndent();
  }

  private flowEmpty(open: string, close: string): void {
    this.indicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.indicator(close, false, false, false);
  }

  private scalar(value: string, isString: boolean): void {
    let style: Style = 'plain';
    if (isString) {
      const canUsePlain = resolvesToString(value);
      style = value.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
    }
    const a = analyze(value);
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlain) || (this.flowLevel === 0 && !a.blockPlain)) style = 'single';
      if (value.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
    }
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.block || this.flowLevel > 0 || this.simpleKeyContext)) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    if (style === 'plain') this.plain(value, allowBreaks);
    else if (style === 'single') this.singleQuoted(value, allowBreaks);
    else if (style === 'double') this.doubleQuoted(value, allowBreaks);
    else this.literal(value);
    this.popIndent();
  }

  private plain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    this.scalarText(value, allowBreaks, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.out.push(c);
      this.column = 0;
      this.origins.push(this.origins[this.origins.length - 1]);
    }
  }

  private singleQuoted(value: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    this.scalarText(value, allowBreaks, true);
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /**
   * The text of a plain or single-quoted scalar (go-yaml's write_plain_scalar and
   * write_single_quoted share this loop): a space may fold the line past the best
   * width, breaks are kept; quoted text doubles its quotes and never folds at its
   * first or last character.
   */
  private scalarText(value: string, allowBreaks: boolean, quoted: boolean): void {
    const r = [...value];
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < r.length; i++) {
      const c = r[i];
      if (c === ' ') {
        const inside = !quoted || (i > 0 && i < r.length - 1);
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && inside && r[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (quoted && c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
  }

  private doubleQuoted(value: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const r = [...value];
    let spaces = false;
    for (let i = 0; i < r.length; i++) {
      const c = r[i];
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\' + escapeDouble(c));
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < r.length - 1) {
          this.writeIndent();
          if (r[i + 1] === ' ') this.put('\\');
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private literal(value: string): void {
    this.indicator('|', true, false, false);
    // Block scalar hints: an indentation indicator for a leading space or break, then chomping.
    if (value[0] === ' ' || isBreak(value[0])) this.indicator(String(BEST_INDENT), false, false, false);
    const r = [...value];
    let chomp = '';
    if (r.length === 0 || !isBreak(r[r.length - 1])) chomp = '-';
    else if (r.length === 1 || isBreak(r[r.length - 2])) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of r) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

function escapeDouble(c: string): string {
  const v = c.codePointAt(0)!;
  const named: Record<number, string> = { 0: '0', 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P' };
  if (v in named) return named[v];
  if (v <= 0xff) return 'x' + v.toString(16).toUpperCase().padStart(2, '0');
  if (v <= 0xffff) return 'u' + v.toString(16).toUpperCase().padStart(4, '0');
  return 'U' + v.toString(16).toUpperCase().padStart(8, '0');
}
