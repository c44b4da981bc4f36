/**
 * The engine's view of Go's text/template lexer (text/template/parse/lex.go):
 * a flat list of items, text included, ending with `eof`. It is not a second
 * lexer: the template is cut by the one lexer the editor's masking uses too
 * (helm/lexer), and its segments are laid out here the way the parser reads
 * them: text with the white space a trim marker removes already removed,
 * `{{` and `}}` as items, a comment as one item. Unlike the editor, the
 * engine stops at the first lexing error (Go reports it and renders nothing).
 */
import { type Segment, lexTemplate } from '../lexer';
import type { TokenType } from '../lexer';

export type ItemType = 'text' | 'leftDelim' | 'rightDelim' | 'comment' | 'eof' | TokenType;

export interface Item {
  type: ItemType;
  /** The item's source text (for text: after trimming; for fields: `.Name`; strings with their quotes). */
  value: string;
  pos: number;
}

/** A lexing failure at an offset of the source. */
export class LexError extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
  }
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** Items of `src`, ending with `eof`. Throws LexError on a malformed action (the first one). */
export function lex(src: string): Item[] {
  const { segments, errors } = lexTemplate(src);
  if (errors.length) {
    const first = errors.reduce((a, b) => (b.start < a.start ? b : a));
    throw new LexError(first.message, first.start);
  }
  const items: Item[] = [];
  segments.forEach((segment, i) => {
    if (segment.kind === 'text') {
      // `{{- ` trims the white space before it, ` -}}` the white space after it
      let start = segment.start;
      let end = segment.end;
      if (trimsRight(segments[i - 1])) while (start < end && isSpace(src[start])) start++;
      if (trimsLeft(segments[i + 1])) while (end > start && isSpace(src[end - 1])) end--;
      if (end > start) items.push({ type: 'text', value: src.slice(start, end), pos: start });
      return;
    }
    if (segment.comment) {
      items.push({ type: 'comment', value: src.slice(segment.bodyStart, segment.bodyEnd), pos: segment.start });
      return;
    }
    items.push({ type: 'leftDelim', value: '{{', pos: segment.start });
    for (const token of segment.tokens) items.push({ type: token.type, value: token.text, pos: token.start });
    // the right delimiter's position is that of its trim marker, as Go's
    items.push({ type: 'rightDelim', value: '}}', pos: segment.bodyEnd + (segment.trimRight ? 1 : 0) });
  });
  items.push({ type: 'eof', value: '', pos: src.length });
  return items;
}

function trimsLeft(segment: Segment | undefined): boolean {
  return segment?.kind === 'action' && segment.trimLeft;
}

function trimsRight(segment: Segment | undefined): boolean {
  return segment?.kind === 'action' && segment.trimRight;
}
