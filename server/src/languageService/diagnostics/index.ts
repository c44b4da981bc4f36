export * from './types';
export * from './validate';
export { syntaxAction, syntaxErrorMessage } from './syntaxErrors';
