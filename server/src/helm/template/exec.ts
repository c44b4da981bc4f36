/**
 * The executor of Go's text/template (text/template/exec.go) over the Go
 * value model of values.ts, writing into an Output with a line map.
 */
import type { Arg, Command, Node, ParsedTemplate, Pipe } from './ast';
import { type Origin, Output, StringOrigins } from './output';
import { lineOf } from './parser';
import { type GoValue, GoInt, GoStruct, type ParamType, formatValue, isTrue, sortedKeys, typeOf } from './values';

/** A template function: parameter types as Go declares them; throws ExecError (or any Error) to fail. */
export interface GoFunc {
  params: ParamType[];
  variadic?: ParamType;
  fn: (args: GoValue[], call: CallContext) => GoValue;
}

export type FuncMap = ReadonlyMap<string, GoFunc>;

/** What a function can ask of the running template (include, tpl, required need it). */
export interface CallContext {
  exec: Executor;
  /** The template name and position of the call, for error messages. */
  where(): string;
  /** The origin of the call site (a template line). */
  origin(): Origin;
}

/** A failure while executing, worded like Go's (`template: NAME:LINE:COL: executing … : detail`). */
export class ExecError extends Error {
  constructor(message: string, readonly at?: Origin) {
    super(message);
  }
}

/** Where a key of a map or item of a list was written (a values-file line). */
export type KeyOrigins = (container: object, key: string | number) => Origin | undefined;

export interface ExecOptions {
  funcs: FuncMap;
  keyOrigins?: KeyOrigins;
  strings?: StringOrigins;
}

interface Entry {
  nodes: Node[];
  file: ParsedTemplate;
}

/** `{{break}}` and `{{continue}}` unwind to their range as exceptions, as exec.go does with panics. */
class BreakSignal extends Error {}
class ContinueSignal extends Error {}

const GO_TYPE: Record<ParamType, string> = {
  any: 'interface {}', string: 'string', int: 'int', int64: 'int64', float64: 'float64', bool: 'bool',
  map: 'map[string]interface {}', slice: '[]interface {}', value: 'reflect.Value',
};

const MAX_DEPTH = 100000;

/** A set of named templates (files and their `define`s) that can be executed. */
export class Executor {
  private readonly templates = new Map<string, Entry>();
  readonly strings: StringOrigins;
  private readonly lineStarts = new Map<string, number[]>();
  private depth = 0;

  constructor(readonly options: ExecOptions) {
    this.strings = options.strings ?? new StringOrigins();
  }

  /** Adds a parsed file: its body under its name and its defines (a later non-empty definition replaces an earlier one). */
  add(parsed: ParsedTemplate): void {
    const put = (name: string, nodes: Node[]): void => {
      const old = this.templates.get(name);
      if (old && nodes.every((n) => n.kind === 'text' && n.text.trim() === '')) return;
      this.templates.set(name, { nodes, file: parsed });
    };
    put(parsed.name, parsed.root);
    for (const [name, nodes] of parsed.defines) put(name, nodes);
  }

  has(name: string): boolean {
    return this.templates.has(name);
  }

  /** A copy of the set sharing functions and string origins (Helm's tpl runs in a clone). */
  clone(): Executor {
    const copy = new Executor({ ...this.options, strings: this.strings });
    for (const [name, entry] of this.templates) copy.templates.set(name, entry);
    return copy;
  }

  /** Executes template `name` with `data` as dot and `$`. */
  execute(name: string, data: GoValue): { text: string; origins: Array<Origin | undefined> } {
    const entry = this.templates.get(name);
    if (!entry) throw new ExecError(`template: no template ${JSON.stringify(name)} associated with template`);
    const out = new Output();
    this.run(entry, data, out, name);
    return { text: out.text(), origins: out.lineOrigins() };
  }

  /** Executes a template into a string and records the string's line origins (include, tpl). */
  executeToString(name: string, data: GoValue): string {
    const { text, origins } = this.execute(name, data);
    this.strings.set(text, origins);
    return text;
  }

  private run(entry: Entry, data: GoValue, out: Output, name: string): void {
    if (++this.depth > MAX_DEPTH) throw new ExecError(`exceeded maximum template depth (${MAX_DEPTH})`);
    try {
      new State(this, entry, out, name, [{ name: '$', value: data }]).walkList(data, entry.nodes);
    } finally {
      this.depth--;
    }
  }

  /** Runs `{{template "name" dot}}` into `out`. */
  runNamed(name: string, data: GoValue, out: Output, at: () => string): void {
    const entry = this.templates.get(name);
    if (!entry) throw new ExecError(`${at()}: no such template ${JSON.stringify(name)}`);
    this.run(entry, data, out, name);
  }

  /** 0-based line of `pos` in a template's source. */
  line(file: ParsedTemplate, pos: number): number {
    let starts = this.lineStarts.get(file.name);
    if (!starts || file.source.length === 0) {
      starts = [0];
      for (let i = 0; i < file.source.length; i++) if (file.source.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts.set(file.name, starts);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

interface Variable {
  name: string;
  value: GoValue;
}

/** One execution of one template (exec.go's state). */
class State {
  private pos = 0;
  /** Origin of the value a field lookup last produced (a values-file line), for the line map. */
  private lookupOrigin: Origin | undefined;

  constructor(
    private readonly exec: Executor,
    private readonly entry: Entry,
    private readonly out: Output,
    private readonly name: string,
    private readonly vars: Variable[],
  ) {}

  private get file(): ParsedTemplate {
    return this.entry.file;
  }

  private where(): string {
    const src = this.file.source;
    const line = lineOf(src, this.pos);
    const col = this.pos - src.lastIndexOf('\n', this.pos - 1);
    return `template: ${this.file.name}:${line}:${col}: executing ${JSON.stringify(this.name)}`;
  }

  private origin(): Origin {
    return { file: this.file.name, line: this.exec.line(this.file, this.pos) };
  }

  private fail(detail: string): never {
    throw new ExecError(`${this.where()}: ${detail}`, this.origin());
  }

  walkList(dot: GoValue, nodes: Node[]): void {
    for (const node of nodes) this.walk(dot, node);
  }

  private walk(dot: GoValue, node: Node): void {
    this.pos = node.pos;
    switch (node.kind) {
      case 'text': {
        const file = this.file.name;
        const first = this.exec.line(this.file, node.pos);
        this.out.write(node.text, (k) => ({ file, line: first + k }));
        return;
      }
      case 'action': {
        this.lookupOrigin = undefined;
        const value = this.evalPipeline(dot, node.pipe, true);
        if (node.pipe.decl.length === 0) this.print(value, node.pos);
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const value = this.evalPipeline(dot, node.pipe);
        if (isTrue(value)) this.walkList(node.kind === 'with' ? value : dot, node.list);
        else if (node.elseList) this.walkList(dot, node.elseList);
        this.vars.length = mark;
        return;
      }
      case 'range':
        return this.walkRange(dot, node.pipe, node.list, node.elseList);
      case 'template': {
        const value = node.pipe ? this.evalPipeline(dot, node.pipe) : undefined;
        this.exec.runNamed(node.name, value, this.out, () => this.where());
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
    }
  }

  private print(value: GoValue, pos: number): void {
    // evalPipeline turns a nil interface into the invalid value: both print `<no value>`.
    const text = value === undefined || value === null ? '<no value>' : formatValue(value);
    const actionOrigin: Origin = { file: this.file.name, line: this.exec.line(this.file, pos) };
    const lines = this.exec.strings.get(text);
    if (lines) {
      this.out.write(text, (k) => lines[k] ?? actionOrigin);
      return;
    }
    const single = this.lookupOrigin;
    this.out.write(text, (k) => (k === 0 && single ? single : actionOrigin));
  }

  private walkRange(dot: GoValue, pipe: Pipe, list: Node[], elseList: Node[] | undefined): void {
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, pipe);
    // evalPipeline pushed the declared variables; range sets them per iteration instead.
    this.vars.length = mark;
    const one = (key: GoValue, elem: GoValue): boolean => {
      if (pipe.decl.length === 1) this.setOrPush(pipe, 0, elem);
      else if (pipe.decl.length === 2) {
        this.setOrPush(pipe, 0, key);
        this.setOrPush(pipe, 1, elem);
      }
      try {
        this.walkList(elem, list);
      } catch (e) {
        if (e instanceof BreakSignal) return false;
        if (!(e instanceof ContinueSignal)) throw e;
      } finally {
        this.vars.length = mark + (pipe.isAssign ? 0 : 0);
      }
      return true;
    };
    let ran = false;
    if (Array.isArray(value) || value instanceof Uint8Array) {
      for (let i = 0; i < value.length; i++) {
        ran = true;
        const elem = value instanceof Uint8Array ? new GoInt(BigInt(value[i]), 'uint8') : value[i];
        if (!one(new GoInt(BigInt(i)), elem)) break;
      }
    } else if (value instanceof Map) {
      for (const key of sortedKeys(value)) {
        ran = true;
        if (!one(key, value.get(key))) break;
      }
    } else if (value instanceof GoInt) {
      if (pipe.decl.length > 1) this.fail(`can't use ${value.v} to iterate over more than one variable`);
      for (let i = 0n; i < value.v; i++) {
        ran = true;
        if (!one(new GoInt(i, value.type), new GoInt(i, value.type))) break;
      }
    } else if (value !== undefined && value !== null) {
      this.fail(`range can't iterate over ${formatValue(value)}`);
    }
    this.vars.length = mark;
    if (!ran && elseList) this.walkList(dot, elseList);
  }

  private setOrPush(pipe: Pipe, i: number, value: GoValue): void {
    if (pipe.isAssign) this.setVar(pipe.decl[i], value);
    else this.vars.push({ name: pipe.decl[i], value });
  }

  private setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    return this.fail(`undefined variable: ${name}`);
  }

  /** Evaluates a pipeline; `track` keeps the values-file origin of a printed value through pass-through functions. */
  private evalPipeline(dot: GoValue, pipe: Pipe, track = false): GoValue {
    this.pos = pipe.pos;
    let value: GoValue = undefined;
    let final: GoValue | typeof MISSING = MISSING;
    let origin: Origin | undefined;
    for (let i = 0; i < pipe.cmds.length; i++) {
      const cmd = pipe.cmds[i];
      this.lookupOrigin = undefined;
      value = this.evalCommand(dot, cmd, final);
      if (track) {
        const head = cmd.args[0];
        if (i === 0 && cmd.args.length === 1 && (head.kind === 'field' || head.kind === 'variable' || head.kind === 'chain')) origin = this.lookupOrigin;
        else if (i > 0 && !(head.kind === 'identifier' && PASS_THROUGH.has(head.name) && isTrue(final as GoValue))) origin = undefined;
        else if (i === 0) origin = undefined;
      }
      final = value;
    }
    const result = value;
    if (track) this.lookupOrigin = origin && !(result instanceof Map || Array.isArray(result)) ? origin : undefined;
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, value);
      else this.vars.push({ name, value });
    }
    return value;
  }

  private evalCommand(dot: GoValue, cmd: Command, final: GoValue | typeof MISSING): GoValue {
    const head = cmd.args[0];
    this.pos = head.pos;
    switch (head.kind) {
      case 'field':
        return this.evalFieldChain(dot, dot, head.idents, cmd.args, final);
      case 'chain': {
        const receiver = this.evalArgValue(dot, head.node);
        return this.evalFieldChain(dot, receiver, head.idents, cmd.args, final);
      }
      case 'variable': {
        const value = this.varValue(head.name);
        if (head.idents.length === 0) {
          this.notAFunction(cmd.args, final);
          return value;
        }
        return this.evalFieldChain(dot, value, head.idents, cmd.args, final);
      }
      case 'identifier':
        return this.evalFunction(dot, head.name, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, head.pipe);
    }
    this.notAFunction(cmd.args, final);
    return this.evalArgValue(dot, head);
  }

  private notAFunction(args: Arg[], final: GoValue | typeof MISSING): void {
    if (args.length > 1 || final !== MISSING) this.fail(`can't give argument to non-function ${this.describeArg(args[0])}`);
  }

  private describeArg(arg: Arg): string {
    return this.file.source.slice(arg.pos, arg.pos + 40).split(/[\s|)}]/)[0] || arg.kind;
  }

  /** An operand's value as interface{} (exec.go evalEmptyInterface). */
  private evalArgValue(dot: GoValue, arg: Arg): GoValue {
    this.pos = arg.pos;
    switch (arg.kind) {
      case 'dot':
        return dot;
      case 'nil':
        return this.fail('nil is not a command');
      case 'bool':
        return arg.value;
      case 'string':
        return arg.value;
      case 'number':
        if (arg.isFloat && !/^[+-]?0[xX]/.test(arg.text) && !arg.isChar && /[.eEpP]/.test(arg.text)) return arg.float!;
        if (arg.isInt) return new GoInt(arg.int!, 'int');
        if (arg.isFloat) return arg.float!;
        return this.fail(`${arg.text} overflows int`);
      case 'field':
        return this.evalFieldChain(dot, dot, arg.idents, [arg], MISSING);
      case 'variable':
        return arg.idents.length ? this.evalFieldChain(dot, this.varValue(arg.name), arg.idents, [arg], MISSING) : this.varValue(arg.name);
      case 'chain':
        return this.evalFieldChain(dot, this.evalArgValue(dot, arg.node), arg.idents, [arg], MISSING);
      case 'identifier':
        return this.evalFunction(dot, arg.name, [arg], MISSING);
      case 'pipe':
        return this.evalPipeline(dot, arg.pipe);
    }
  }

  /** An argument converted to a parameter type (exec.go evalArg + validateType). */
  private evalArg(dot: GoValue, type: ParamType, arg: Arg): GoValue {
    this.pos = arg.pos;
    switch (arg.kind) {
      case 'nil':
        if (type === 'any' || type === 'map' || type === 'slice') return null;
        if (type === 'value') return null;
        return this.fail(`cannot assign nil to ${GO_TYPE[type]}`);
      case 'bool':
        if (type === 'bool' || type === 'any' || type === 'value') return arg.value;
        return this.fail(`expected ${GO_TYPE[type]}; found ${arg.value}`);
      case 'string':
        if (type === 'string' || type === 'any' || type === 'value') return arg.value;
        return this.fail(`expected ${GO_TYPE[type]}; found ${JSON.stringify(arg.value)}`);
      case 'number':
        if (type === 'int' || type === 'int64') {
          if (!arg.isInt) this.fail(`expected integer; found ${arg.text}`);
          return new GoInt(arg.int!, type);
        }
        if (type === 'float64') {
          if (!arg.isFloat) this.fail(`expected float; found ${arg.text}`);
          return arg.float!;
        }
        if (type === 'any' || type === 'value') return this.evalArgValue(dot, arg);
        return this.fail(`expected ${GO_TYPE[type]}; found ${arg.text}`);
    }
    return this.validate(this.evalArgValue(dot, arg), type);
  }

  private validate(value: GoValue, type: ParamType): GoValue {
    if (type === 'value') return value;
    if (value === undefined) {
      if (type === 'any' || type === 'map' || type === 'slice') return null;
      return this.fail(`invalid value; expected ${GO_TYPE[type]}`);
    }
    const ok =
      type === 'any' ||
      (type === 'string' && typeof value === 'string') ||
      (type === 'bool' && typeof value === 'boolean') ||
      (type === 'float64' && typeof value === 'number') ||
      ((type === 'int' || type === 'int64') && value instanceof GoInt && value.type === type) ||
      (type === 'map' && (value instanceof Map || value === null)) ||
      (type === 'slice' && (Array.isArray(value) || value === null));
    if (!ok) this.fail(`wrong type for value; expected ${GO_TYPE[type]}; got ${typeOf(value)}`);
    return value;
  }

  private evalFieldChain(dot: GoValue, receiver: GoValue, idents: string[], args: Arg[], final: GoValue | typeof MISSING): GoValue {
    let value = receiver;
    for (let i = 0; i < idents.length - 1; i++) value = this.evalField(dot, idents[i], value, [args[0]], MISSING);
    return this.evalField(dot, idents[idents.length - 1], value, args, final);
  }

  private evalField(dot: GoValue, name: string, receiver: GoValue, args: Arg[], final: GoValue | typeof MISSING): GoValue {
    this.lookupOrigin = undefined;
    if (receiver === undefined) return undefined;
    const hasArgs = args.length > 1 || final !== MISSING;
    if (receiver instanceof GoStruct) {
      const method = receiver.methods[name];
      if (method) return this.call(dot, name, { params: method.params, variadic: method.variadic, fn: (a) => method.fn(...a) }, args, final);
      if (name in receiver.fields) {
        if (hasArgs) this.fail(`${name} has arguments but cannot be invoked as function`);
        return receiver.fields[name];
      }
      return this.fail(`can't evaluate field ${name} in type ${receiver.typeName}`);
    }
    if (receiver instanceof Map) {
      if (hasArgs) this.fail(`${name} is not a method but has arguments`);
      const value = receiver.get(name);
      this.lookupOrigin = this.exec.options.keyOrigins?.(receiver, name);
      return value === undefined ? null : value;
    }
    if (receiver === null) return this.fail(`nil pointer evaluating interface {}.${name}`);
    return this.fail(`can't evaluate field ${name} in type ${typeOf(receiver)}`);
  }

  private evalFunction(dot: GoValue, name: string, args: Arg[], final: GoValue | typeof MISSING): GoValue {
    const fn = this.exec.options.funcs.get(name);
    if (!fn) return this.fail(`"${name}" is not a defined function`);
    // and/or evaluate their arguments only as far as needed (Go 1.18).
    if (name === 'and' || name === 'or') {
      const operands = args.slice(1);
      if (operands.length === 0 && final === MISSING) this.fail(`wrong number of args for ${name}: want at least 1 got 0`);
      let value: GoValue = undefined;
      for (let i = 0; i < operands.length; i++) {
        value = this.evalArg(dot, 'value', operands[i]);
        if (isTrue(value) === (name === 'or')) return value;
      }
      if (final !== MISSING) value = final;
      return value;
    }
    return this.call(dot, name, fn, args, final);
  }

  private call(dot: GoValue, name: string, fn: GoFunc, args: Arg[], final: GoValue | typeof MISSING): GoValue {
    const given = args.slice(1);
    const numIn = given.length + (final !== MISSING ? 1 : 0);
    const fixed = fn.params.length;
    if (fn.variadic ? numIn < fixed : numIn !== fixed) {
      this.fail(`wrong number of args for ${name}: want ${fn.variadic ? 'at least ' : ''}${fixed} got ${numIn}`);
    }
    const typeAt = (i: number): ParamType => (i < fixed ? fn.params[i] : fn.variadic!);
    const values: GoValue[] = given.map((a, i) => this.evalArg(dot, typeAt(i), a));
    if (final !== MISSING) values.push(this.validate(final, typeAt(values.length)));
    const callPos = this.pos;
    try {
      const result = fn.fn(values, this.context(callPos));
      const input = values[values.length - 1];
      if (typeof result === 'string' && typeof input === 'string' && result !== input && LINE_PRESERVING.has(name)) {
        // indent/nindent/trim… keep the lines of their input: so do the input's line origins.
        this.exec.strings.derive(input, result, leadingNewlines(result) - leadingNewlines(input));
      }
      return result;
    } catch (e) {
      if (e instanceof BreakSignal || e instanceof ContinueSignal) throw e;
      if (e instanceof ExecError) throw e;
      this.pos = callPos;
      // JS runs out of stack before Helm's include limit of 1000 levels: say what Go would.
      if (e instanceof RangeError) throw new ExecError(`template: ${this.name}: exceeded maximum template depth (${MAX_DEPTH})`);
      return this.fail(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private context(pos: number): CallContext {
    return new CallSite(this, pos);
  }

  /** The error prefix for a call at `pos` (CallSite.where). */
  whereAt(pos: number): string {
    this.pos = pos;
    return this.where();
  }

  originAt(pos: number): Origin {
    return { file: this.file.name, line: this.exec.line(this.file, pos) };
  }

  get executor(): Executor {
    return this.exec;
  }
}

/** A function call's view of the running template (a class, not closures: calls are the hot path). */
class CallSite implements CallContext {
  constructor(
    private readonly state: State,
    private readonly pos: number,
  ) {}

  get exec(): Executor {
    return this.state.executor;
  }

  where(): string {
    return this.state.whereAt(this.pos);
  }

  origin(): Origin {
    return this.state.originAt(this.pos);
  }
}

const MISSING: unique symbol = Symbol('missing');

/** String functions whose output keeps the lines of their (last) argument, shifted by added or removed leading newlines. */
const LINE_PRESERVING = new Set(['indent', 'nindent', 'trim', 'trimSuffix', 'trimPrefix', 'trimAll', 'replace', 'upper', 'lower', 'toString', 'printf', 'print']);

function leadingNewlines(s: string): number {
  let n = 0;
  while (s.charCodeAt(n) === 10 || (s.charCodeAt(n) === 32 && s.indexOf('\n', n) > n && /^\s*$/.test(s.slice(n, s.indexOf('\n', n))))) {
    if (s.charCodeAt(n) === 10) {
      n++;
      continue;
    }
    n = s.indexOf('\n', n);
  }
  return s.slice(0, n).split('\n').length - 1;
}

/** Functions whose output still shows the value piped into them (for the values-file line map). */
const PASS_THROUGH = new Set(['quote', 'squote', 'toString', 'default', 'trim', 'lower', 'upper', 'title', 'toYaml', 'toJson', 'indent', 'nindent', 'b64enc', 'trunc', 'trimSuffix', 'trimPrefix', 'int', 'int64', 'float64']);
