/**
 * Where the cursor is inside a template action: which action, which token,
 * and the two things editor features read there: a field chain
 * (`.Values.image.tag`) and the name string of `include "…"` / `template "…"`.
 */
import type { ActionSegment, FieldPath, Token } from '../lexer';
import { fieldPathAt, significantTokens } from '../lexer';

/** The action whose body holds the offset (between its delimiters), if any. */
export function actionAt(actions: readonly ActionSegment[], offset: number): ActionSegment | undefined {
  let lo = 0;
  let hi = actions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const action = actions[mid];
    if (offset < action.bodyStart) hi = mid - 1;
    else if (offset > action.bodyEnd) lo = mid + 1;
    else return action.comment ? undefined : action;
  }
  return undefined;
}

/** The name string of an `include "…"` or `template "…"` under the cursor, with the range of its text. */
export interface TemplateNameAt {
  /** The text typed so far, before the cursor. */
  typed: string;
  /** Offsets of the name between the quotes (the closing quote excluded). */
  start: number;
  end: number;
  /** The whole name as written (for hover). */
  name: string;
}

export function templateNameAt(action: ActionSegment, offset: number): TemplateNameAt | undefined {
  const tokens = significantTokens(action);
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== 'string' && token.type !== 'rawString') continue;
    const closed = token.text.length >= 2 && token.text.endsWith(token.text[0]);
    const end = closed ? token.end - 1 : token.end;
    if (offset <= token.start || offset > end) continue;
    if (!callsTemplate(tokens[i - 1])) return undefined;
    return { typed: token.text.slice(1, offset - token.start), start: token.start + 1, end, name: token.value ?? '' };
  }
  return undefined;
}

function callsTemplate(token: Token): boolean {
  return (token.type === 'identifier' && (token.text === 'include' || token.text === 'tpl')) || (token.type === 'keyword' && (token.text === 'template' || token.text === 'define' || token.text === 'block'));
}

/** A field chain rooted at `.Values` (or `$.Values`) under the cursor. */
export interface ValuesPathAt {
  /** The keys below `.Values` up to and including the one under the cursor. */
  path: string[];
  /** Offsets of the key under the cursor (without its dot). */
  start: number;
  end: number;
  /** The chain itself. */
  chain: FieldPath;
}

/** The field chain under the cursor when it starts at the root: `.X…` or `$.X…`. */
export function rootChainAt(action: ActionSegment, offset: number): { chain: FieldPath; index: number } | undefined {
  const chain = fieldPathAt(action, offset);
  if (!chain || (chain.root !== '.' && chain.root !== '$')) return undefined;
  // Which link holds the cursor: the last one starting before it.
  let index = -1;
  for (let i = 0; i < chain.fieldStarts.length; i++) if (chain.fieldStarts[i] < offset) index = i;
  if (index < 0) return undefined;
  return { chain, index };
}

export function valuesPathAt(action: ActionSegment, offset: number): ValuesPathAt | undefined {
  const found = rootChainAt(action, offset);
  if (!found || found.chain.fields[0] !== 'Values' || found.index < 1) return undefined;
  const { chain, index } = found;
  const start = chain.fieldStarts[index] + 1;
  return { path: chain.fields.slice(1, index + 1), start, end: start + chain.fields[index].length, chain };
}
