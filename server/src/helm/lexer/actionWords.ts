/**
 * Small readings of a lexed action that editor features need without a
 * parser: what the action starts with (to tell `if`/`end`/`include` from an
 * expression) and the field chain under the cursor (`.Values.image.tag`).
 */
import type { ActionSegment, Token } from './types';

/** The action's tokens without spaces. */
export function significantTokens(action: ActionSegment): Token[] {
  return action.tokens.filter((t) => t.type !== 'space');
}

/** The first token of the action, skipping spaces (undefined for an empty action or a comment). */
export function actionHead(action: ActionSegment): Token | undefined {
  return action.tokens.find((t) => t.type !== 'space');
}

/** A chain of fields as written: `.Values.image.tag` or `$.Values.x` or `$cfg.port`. */
export interface FieldPath {
  /** `.` for a chain on dot, `$` for the root variable, `$name` for another variable. */
  root: string;
  /** Field names without their dots: ['Values', 'image', 'tag']. */
  fields: string[];
  /** Offsets of the whole chain. */
  start: number;
  end: number;
  /** Source offset where each field (its dot) starts. */
  fieldStarts: number[];
}

/**
 * The field chain that contains (or ends at) the offset. Go lexes
 * `.Values.image` as two adjacent field tokens; a chain is a run of them with
 * no gap, optionally after a variable. A lone `.` at the end of a chain
 * (`.Values.` being typed) counts as an empty last field.
 */
export function fieldPathAt(action: ActionSegment, offset: number): FieldPath | undefined {
  const tokens = action.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (first.type !== 'field' && first.type !== 'variable' && first.type !== 'dot') continue;
    if (i > 0 && tokens[i - 1].end === first.start && isChainPart(tokens[i - 1])) continue; // not the chain's start
    let root = '.';
    const fields: string[] = [];
    const fieldStarts: number[] = [];
    let j = i;
    if (first.type === 'variable') {
      root = first.text;
      j++;
    }
    let end = first.end;
    for (; j < tokens.length; j++) {
      const token = tokens[j];
      if (j > i && token.start !== end) break;
      if (token.type === 'field') {
        fields.push(token.text.slice(1));
        fieldStarts.push(token.start);
      } else if (token.type === 'dot') {
        fields.push('');
        fieldStarts.push(token.start);
      } else if (j > i || first.type !== 'variable') break;
      end = token.end;
    }
    // A bare `.` alone is dot itself, not an empty field of it.
    if (first.type === 'dot' && fields.length === 1 && j === i + 1) fields.pop();
    if (offset >= first.start && offset <= end) return { root, fields, start: first.start, end, fieldStarts };
    i = Math.max(i, j - 1);
  }
  return undefined;
}

function isChainPart(token: Token): boolean {
  return token.type === 'field' || token.type === 'variable' || token.type === 'dot';
}
