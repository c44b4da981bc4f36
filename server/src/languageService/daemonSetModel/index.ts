export * from './fromYaml';
