/** The parse tree of a Go text/template (text/template/parse/node.go, flattened to plain data). */

/** A node's offset into its template's source. */
export interface At {
  pos: number;
}

export type Node = TextNode | ActionNode | BranchNode | TemplateNode | BreakNode | ContinueNode;

export interface TextNode extends At {
  kind: 'text';
  text: string;
}

export interface ActionNode extends At {
  kind: 'action';
  pipe: Pipe;
}

/** `if`, `with` and `range`; `else if`/`else with` are a branch nested in `elseList`. */
export interface BranchNode extends At {
  kind: 'if' | 'with' | 'range';
  pipe: Pipe;
  list: Node[];
  elseList?: Node[];
}

export interface TemplateNode extends At {
  kind: 'template';
  name: string;
  pipe?: Pipe;
}

export interface BreakNode extends At {
  kind: 'break';
}

export interface ContinueNode extends At {
  kind: 'continue';
}

export interface Pipe extends At {
  /** Declared or assigned variables (`$x :=`, `$i, $v :=`, `$x =`). */
  decl: string[];
  isAssign: boolean;
  cmds: Command[];
}

export interface Command extends At {
  args: Arg[];
}

export type Arg =
  | (At & { kind: 'field'; idents: string[] })
  | (At & { kind: 'variable'; name: string; idents: string[] })
  | (At & { kind: 'chain'; node: Arg; idents: string[] })
  | (At & { kind: 'identifier'; name: string })
  | (At & { kind: 'dot' })
  | (At & { kind: 'nil' })
  | (At & { kind: 'bool'; value: boolean })
  | (At & NumberConstant)
  | (At & { kind: 'string'; value: string })
  | (At & { kind: 'pipe'; pipe: Pipe });

/** A numeric constant with the readings Go allows for it (parse.NumberNode). */
export interface NumberConstant {
  kind: 'number';
  text: string;
  isInt: boolean;
  isFloat: boolean;
  int?: bigint;
  float?: number;
  /** A character constant like 'a' (an int when used as a value). */
  isChar: boolean;
}

/** One parsed template file: its own body and the `define`/`block` bodies it declares. */
export interface ParsedTemplate {
  name: string;
  source: string;
  root: Node[];
  defines: Map<string, Node[]>;
}
