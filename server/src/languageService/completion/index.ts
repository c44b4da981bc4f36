export * from './completion';
export { cursorContext } from './cursorContext';
