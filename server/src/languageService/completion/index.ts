export * from './completion';
export { cursorContext } from './cursorContext';
export { profileCompletions } from './profileCompletion';
