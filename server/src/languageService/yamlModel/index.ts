export * from './lineIndex';
export * from './yamlFile';
export * from './pathAt';
export * from './goYamlScalars';
