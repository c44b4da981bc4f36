export * from './lineIndex';
export * from './sourceText';
export * from './yamlFile';
export * from './pathAt';
export * from './listItems';
export * from './templateMarks';
export * from './goYamlScalars';
export { DocumentParse, ParseBudget, plainDocument } from './documentParse';
