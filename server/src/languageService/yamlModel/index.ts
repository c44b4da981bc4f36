export * from './lineIndex';
export * from './yamlFile';
