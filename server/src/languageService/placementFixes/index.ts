export * from './placementFixes';
