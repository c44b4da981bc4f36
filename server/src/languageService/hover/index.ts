export * from './hover';
