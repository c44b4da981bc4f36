/**
 * What the Go-template lexer gives back: the source cut into text and actions
 * (with offsets into the source), and each action's tokens, as Go's
 * text/template/parse lexer names them. Shared by the masked YAML model
 * (which only needs where actions are and what they start with) and the
 * built-in rendering engine (which parses the tokens).
 */

/** Token types of an action body (Go's `itemType`, minus the delimiters and text). */
export type TokenType =
  | 'space'
  | 'field' // .Values  (one per link: `.Values.image` is two fields)
  | 'dot' // .
  | 'variable' // $  $x
  | 'identifier' // include, toYaml, printf
  | 'keyword' // if else end range with define template block break continue
  | 'bool' // true false
  | 'nil'
  | 'number' // 3  -1.5  0x1F  1e3  'a' is a char, not a number
  | 'char' // 'a'
  | 'string' // "a \"b\""
  | 'rawString' // `a`
  | 'pipe' // |
  | 'leftParen'
  | 'rightParen'
  | 'declare' // :=
  | 'assign' // =
  | 'comma'; // , (in `range $i, $v := …`)

export interface Token {
  type: TokenType;
  /** Offsets into the whole source. */
  start: number;
  end: number;
  /** The token's source text (quotes included for strings). */
  text: string;
  /** Strings, raw strings and chars: the value with quotes removed and escapes decoded. */
  value?: string;
}

export interface TextSegment {
  kind: 'text';
  start: number;
  end: number;
}

export interface ActionSegment {
  kind: 'action';
  /** Offset of `{{`. */
  start: number;
  /** Offset just past `}}` (or the end of the source for an unclosed action). */
  end: number;
  /** `{{- `: whitespace before the action is trimmed from the output. */
  trimLeft: boolean;
  /** ` -}}`: whitespace after the action is trimmed from the output. */
  trimRight: boolean;
  /** Offsets of the body between the delimiters and trim markers. */
  bodyStart: number;
  bodyEnd: number;
  /** `{{/* … *\/}}`: produces nothing. */
  comment: boolean;
  /** The body's tokens, spaces included (none for a comment). */
  tokens: Token[];
  /** No `}}` was found: the action runs to the end of the source (Go reports "unclosed action"). */
  unclosed: boolean;
}

export type Segment = TextSegment | ActionSegment;

/** A lexing error, at a source offset, in Go's words where Go has them. */
export interface LexError {
  message: string;
  start: number;
  end: number;
}

export interface LexResult {
  segments: Segment[];
  errors: LexError[];
}
