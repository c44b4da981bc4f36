export * from './readProfile';
export * from './types';
