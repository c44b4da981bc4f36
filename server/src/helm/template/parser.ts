/**
 * The parser of Go's text/template (text/template/parse/parse.go): items to a
 * tree, with Go's checks at parse time (undefined variables and functions,
 * `break` outside `range`, a missing `end`).
 */
import type { Arg, Command, Node, NumberConstant, ParsedTemplate, Pipe } from './ast';
import { type Item, type ItemType, LexError, lex } from './lexer';
import { unquoteGo } from './goStrings';

/** A parse failure, worded as Go words it (`template: NAME:LINE: …`). */
export class TemplateParseError extends Error {
  constructor(readonly template: string, readonly line: number, readonly detail: string) {
    super(`template: ${template}:${line}: ${detail}`);
  }
}

/** 1-based line of an offset, as Go reports it. */
export function lineOf(src: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < src.length; i++) if (src.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses one template file. `isFunction` says which identifiers are functions. */
export function parseTemplate(name: string, source: string, isFunction: (name: string) => boolean): ParsedTemplate {
  let items: Item[];
  try {
    items = lex(source).filter((i) => i.type !== 'comment');
  } catch (e) {
    if (e instanceof LexError) throw new TemplateParseError(name, lineOf(source, e.pos), e.message);
    throw e;
  }
  return new Parser(name, source, items, isFunction).parse();
}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private readonly defines = new Map<string, Node[]>();

  constructor(
    private readonly name: string,
    private readonly source: string,
    private readonly items: Item[],
    private readonly isFunction: (name: string) => boolean,
  ) {}

  parse(): ParsedTemplate {
    const root: Node[] = [];
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const kw = this.peekNonSpace(1);
        if (kw.type === 'keyword' && kw.value === 'define') {
          this.next();
          this.nextNonSpace();
          this.parseDefine();
          continue;
        }
      }
      const node = this.textOrAction();
      if (node.kind === 'end' || node.kind === 'else') this.fail(`unexpected {{${node.kind}}}`, node.pos);
      root.push(node as Node);
    }
    return { name: this.name, source: this.source, root, defines: this.defines };
  }

  private fail(detail: string, pos: number): never {
    throw new TemplateParseError(this.name, lineOf(this.source, pos), detail);
  }

  private peek(): Item {
    return this.items[this.i];
  }

  private next(): Item {
    const item = this.items[this.i];
    if (item.type !== 'eof') this.i++;
    return item;
  }

  private peekNonSpace(offset = 0): Item {
    let j = this.i + offset;
    while (this.items[j].type === 'space') j++;
    return this.items[j];
  }

  private nextNonSpace(): Item {
    let item = this.next();
    while (item.type === 'space') item = this.next();
    return item;
  }

  private expect(type: ItemType, context: string): Item {
    const item = this.nextNonSpace();
    if (item.type !== type) this.fail(`unexpected ${describe(item)} in ${context}`, item.pos);
    return item;
  }

  private parseDefine(): void {
    const nameItem = this.nextNonSpace();
    if (nameItem.type !== 'string' && nameItem.type !== 'rawString') this.fail(`unexpected ${describe(nameItem)} in define clause`, nameItem.pos);
    const defName = unquoteGo(nameItem.value);
    this.expect('rightDelim', 'define clause');
    const saved = this.vars;
    this.vars = ['$'];
    const { list, end } = this.itemList();
    if (end.kind !== 'end') this.fail('unexpected {{else}} in define', end.pos);
    this.vars = saved;
    this.addDefine(defName, list);
  }

  /** Go keeps an earlier definition when a later one is empty (parse.IsEmptyTree). */
  private addDefine(name: string, list: Node[]): void {
    if (this.defines.has(name) && isEmptyTree(list)) return;
    if (this.defines.has(name) && !isEmptyTree(this.defines.get(name)!)) this.fail(`template: multiple definition of template "${name}"`, 0);
    this.defines.set(name, list);
  }

  /** Nodes up to `{{end}}` or `{{else}}`, which is returned (consumed). */
  private itemList(): { list: Node[]; end: { kind: 'end' | 'else'; pos: number } } {
    const list: Node[] = [];
    for (;;) {
      if (this.peek().type === 'eof') this.fail('unexpected EOF', this.peek().pos);
      const node = this.textOrAction();
      if (node.kind === 'end' || node.kind === 'else') return { list, end: node };
      list.push(node as Node);
    }
  }

  private textOrAction(): Node | { kind: 'end' | 'else'; pos: number } {
    const item = this.next();
    if (item.type === 'text') return { kind: 'text', text: item.value, pos: item.pos };
    if (item.type !== 'leftDelim') this.fail(`unexpected ${describe(item)} in input`, item.pos);
    return this.action(item.pos);
  }

  private action(pos: number): Node | { kind: 'end' | 'else'; pos: number } {
    const item = this.peekNonSpace();
    if (item.type === 'keyword') {
      this.nextNonSpace();
      switch (item.value) {
        case 'end':
          this.expect('rightDelim', 'end');
          return { kind: 'end', pos };
        case 'else':
          // `{{else if …}}` / `{{else with …}}` keep the item stream at the keyword.
          if (this.peekNonSpace().type === 'keyword' && ['if', 'with'].includes(this.peekNonSpace().value)) return { kind: 'else', pos };
          this.expect('rightDelim', 'else');
          return { kind: 'else', pos };
        case 'if':
        case 'with':
        case 'range':
          return this.branch(item.value, pos);
        case 'template':
          return this.templateControl(pos, 'template');
        case 'block':
          return this.blockControl(pos);
        case 'break':
        case 'continue':
          if (this.rangeDepth === 0) this.fail(`{{${item.value}}} outside {{range}}`, pos);
          this.expect('rightDelim', item.value);
          return { kind: item.value, pos };
        case 'define':
          this.fail('unexpected <define> in command', item.pos);
      }
    }
    return { kind: 'action', pipe: this.pipeline('command', 'rightDelim'), pos };
  }

  private branch(kind: 'if' | 'with' | 'range', pos: number): Node {
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (pipe.cmds.length === 0) this.fail(`missing value for ${kind}`, pos);
    if (kind === 'range') this.rangeDepth++;
    const { list, end: firstEnd } = this.itemList();
    let end = firstEnd;
    if (kind === 'range') this.rangeDepth--;
    let elseList: Node[] | undefined;
    if (end.kind === 'else') {
      const nested = this.peekNonSpace();
      if (kind !== 'range' && nested.type === 'keyword' && (nested.value === 'if' || nested.value === 'with')) {
        // `{{else if x}}` is `{{else}}{{if x}}…{{end}}{{end}}` sharing the one `{{end}}` (parse.go).
        if (nested.value !== kind) this.fail(`unexpected {{else ${nested.value}}} in ${kind}`, nested.pos);
        this.nextNonSpace();
        elseList = [this.branch(nested.value, end.pos)];
      } else {
        ({ list: elseList, end } = this.itemList());
        if (end.kind !== 'end') this.fail(`expected end; found {{else}}`, end.pos);
      }
    }
    this.vars.length = mark;
    return { kind, pipe, list, elseList, pos };
  }

  private templateControl(pos: number, context: string): Node {
    const nameItem = this.nextNonSpace();
    if (nameItem.type !== 'string' && nameItem.type !== 'rawString') this.fail(`unexpected ${describe(nameItem)} in ${context} clause`, nameItem.pos);
    const name = unquoteGo(nameItem.value);
    if (this.peekNonSpace().type === 'rightDelim') {
      this.nextNonSpace();
      return { kind: 'template', name, pos };
    }
    return { kind: 'template', name, pipe: this.pipeline(context, 'rightDelim'), pos };
  }

  /** `{{block "name" pipe}}body{{end}}` defines `name` and executes it in place. */
  private blockControl(pos: number): Node {
    const nameItem = this.nextNonSpace();
    if (nameItem.type !== 'string' && nameItem.type !== 'rawString') this.fail(`unexpected ${describe(nameItem)} in block clause`, nameItem.pos);
    const name = unquoteGo(nameItem.value);
    const pipe = this.pipeline('block', 'rightDelim');
    const saved = this.vars;
    this.vars = ['$'];
    const { list, end } = this.itemList();
    if (end.kind !== 'end') this.fail('unexpected {{else}} in block', end.pos);
    this.vars = saved;
    this.addDefine(name, list);
    return { kind: 'template', name, pipe, pos };
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): Pipe {
    const start = this.peekNonSpace();
    const pipe: Pipe = { decl: [], isAssign: false, cmds: [], pos: start.pos };
    // Declarations: `$x :=`, `$x =`, and in range `$i, $v :=`.
    if (start.type === 'variable') {
      const save = this.i;
      this.nextNonSpace();
      const after = this.peekNonSpace();
      if (after.type === 'declare' || after.type === 'assign') {
        this.nextNonSpace();
        pipe.isAssign = after.type === 'assign';
        pipe.decl.push(start.value);
        if (!pipe.isAssign) this.vars.push(start.value);
        else if (!this.vars.includes(start.value)) this.fail(`undefined variable "${start.value}"`, start.pos);
      } else if (after.type === 'comma' && context === 'range') {
        this.nextNonSpace();
        const second = this.nextNonSpace();
        if (second.type !== 'variable') this.fail(`range can only initialize variables`, second.pos);
        const op = this.nextNonSpace();
        if (op.type !== 'declare' && op.type !== 'assign') this.fail(`unexpected ${describe(op)} in range`, op.pos);
        pipe.isAssign = op.type === 'assign';
        pipe.decl.push(start.value, second.value);
        if (!pipe.isAssign) this.vars.push(start.value, second.value);
      } else {
        this.i = save;
      }
    }
    for (;;) {
      const item = this.peekNonSpace();
      if (item.type === end) {
        this.nextNonSpace();
        if (pipe.cmds.length === 0 && pipe.decl.length > 0) this.fail(`missing value for ${context}`, item.pos);
        if (pipe.cmds.length === 0 && context === 'command') this.fail(`missing value for command`, item.pos);
        return pipe;
      }
      if (item.type === 'eof' || item.type === 'rightDelim' || item.type === 'rightParen') this.fail(`unexpected ${describe(item)} in ${context}`, item.pos);
      pipe.cmds.push(this.command(end));
      if (this.peekNonSpace().type === 'pipe') {
        this.nextNonSpace();
        if (this.peekNonSpace().type === end) this.fail(`missing command after |`, this.peekNonSpace().pos);
      }
    }
  }

  private command(end: 'rightDelim' | 'rightParen'): Command {
    const cmd: Command = { args: [], pos: this.peekNonSpace().pos };
    for (;;) {
      while (this.peek().type === 'space') this.next();
      const arg = this.operand();
      if (!arg) this.fail(`unexpected ${describe(this.peek())} in operand`, this.peek().pos);
      cmd.args.push(arg);
      const after = this.peek();
      if (after.type === 'space') {
        const next = this.peekNonSpace();
        if (next.type === end || next.type === 'pipe' || next.type === 'rightDelim' || next.type === 'rightParen') break;
        continue;
      }
      if (after.type === end || after.type === 'pipe') break;
      if (after.type === 'rightDelim' || after.type === 'rightParen') this.fail(`unexpected ${describe(after)} in operand`, after.pos);
      this.fail(`missing space?`, after.pos);
    }
    return cmd;
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().type !== 'field') return node;
    const idents: string[] = [];
    while (this.peek().type === 'field') idents.push(this.next().value.slice(1));
    if (node.kind === 'field') return { ...node, idents: [...node.idents, ...idents] };
    if (node.kind === 'variable') return { ...node, idents: [...node.idents, ...idents] };
    if (['bool', 'string', 'number', 'nil', 'dot'].includes(node.kind)) this.fail(`unexpected . after term ${JSON.stringify(this.source.slice(node.pos, this.peek().pos))}`, node.pos);
    return { kind: 'chain', node, idents, pos: node.pos };
  }

  private term(): Arg | undefined {
    const save = this.i;
    const item = this.nextNonSpace();
    switch (item.type) {
      case 'identifier':
        if (!this.isFunction(item.value)) this.fail(`function "${item.value}" not defined`, item.pos);
        return { kind: 'identifier', name: item.value, pos: item.pos };
      case 'dot':
        return { kind: 'dot', pos: item.pos };
      case 'nil':
        return { kind: 'nil', pos: item.pos };
      case 'variable': {
        if (!this.vars.includes(item.value)) this.fail(`undefined variable "${item.value}"`, item.pos);
        return { kind: 'variable', name: item.value, idents: [], pos: item.pos };
      }
      case 'field':
        return { kind: 'field', idents: [item.value.slice(1)], pos: item.pos };
      case 'bool':
        return { kind: 'bool', value: item.value === 'true', pos: item.pos };
      case 'number':
      case 'char':
        return { ...parseNumber(item, (d) => this.fail(d, item.pos)), pos: item.pos };
      case 'string':
      case 'rawString':
        return { kind: 'string', value: unquoteGo(item.value), pos: item.pos };
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        return { kind: 'pipe', pipe, pos: item.pos };
      }
    }
    this.i = save;
    return undefined;
  }
}

function describe(item: Item): string {
  if (item.type === 'eof') return 'EOF';
  if (item.type === 'rightDelim') return '"}}"';
  if (item.type === 'rightParen') return '")"';
  return `<${item.value}>`;
}

/** Go's IsEmptyTree: only white-space text (and empty actions none exist) inside. */
function isEmptyTree(list: Node[]): boolean {
  return list.every((n) => n.kind === 'text' && n.text.trim() === '');
}

/** A number constant with its int and float readings, as parse.newNumber computes them. */
function parseNumber(item: Item, fail: (detail: string) => never): NumberConstant {
  const text = item.value;
  if (item.type === 'char') {
    const ch = unquoteGo(text);
    const code = ch.codePointAt(0) ?? 0;
    return { kind: 'number', text, isInt: true, isFloat: true, int: BigInt(code), float: code, isChar: true };
  }
  if (text.endsWith('i')) fail(`complex constants are not supported: ${text}`);
  const clean = text.replace(/_/g, '');
  const sign = clean.startsWith('-') ? -1n : 1n;
  const body = clean.replace(/^[+-]/, '');
  let int: bigint | undefined;
  if (/^0[xX][0-9a-fA-F]+$|^0[oO]?[0-7]+$|^0[bB][01]+$|^[1-9][0-9]*$|^0$/.test(body)) {
    const normal = /^0[0-7]+$/.test(body) ? `0o${body.slice(1)}` : body;
    int = sign * BigInt(normal);
  }
  let float: number | undefined;
  if (int !== undefined) float = Number(int);
  else if (/^[0-9]*\.?[0-9]*([eE][+-]?[0-9]+)?$/.test(body) && /[0-9]/.test(body)) float = Number(sign) * Number(body);
  else if (/^0[xX]/.test(body)) float = Number(sign) * parseHexFloat(body);
  if (int === undefined && float === undefined) fail(`illegal number syntax: "${text}"`);
  // A float with an integral value is also an int (parse.go: "1e3" is an int 1000).
  if (int === undefined && float !== undefined && Number.isInteger(float) && Math.abs(float) < 2 ** 63) int = BigInt(float);
  const inRange = int !== undefined && int >= -(2n ** 63n) && int < 2n ** 63n;
  return { kind: 'number', text, isInt: inRange, isFloat: float !== undefined, int: inRange ? int : undefined, float, isChar: false };
}

function parseHexFloat(body: string): number {
  const m = /^0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?[0-9]+)$/.exec(body);
  if (!m) return NaN;
  const mant = parseInt(m[1] + m[2] || '0', 16) / 16 ** m[2].length;
  return mant * 2 ** Number(m[3]);
}
