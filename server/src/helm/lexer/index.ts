export { hasTemplateActions, lexTemplate, unquote } from './lexer';
export { actionHead, fieldPathAt } from './actionWords';
export type { ActionSegment, LexError, LexResult, Segment, TextSegment, Token, TokenType } from './types';
