export { hasTemplateActions, lexTemplate, unquote } from './lexer';
export { actionHead, fieldPathAt, significantTokens } from './actionWords';
export type { FieldPath } from './actionWords';
export type { ActionSegment, LexError, LexResult, Segment, TextSegment, Token, TokenType } from './types';
