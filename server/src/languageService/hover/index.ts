export * from './hover';
export * from './profileNote';
