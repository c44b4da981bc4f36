export { CHART_FILE_GLOBS, chartFileRole, HELM_LANGUAGE_ID, isTemplateDocument, isValidatedChartFile, isValuesFileName } from './chartFiles';
export type { ChartFile, ChartFileRole, Exists } from './chartFiles';
export { ChartMemo, definitionsIn, readChartIndex, valuesFileNames } from './chartIndex';
export type { ChartFileAccess, ChartIndex, TemplateDefinition, ValuesFile } from './chartIndex';
export { parseSourceFile } from './sourceFile';
export type { SourceFileOptions } from './sourceFile';
export { valueEntries } from './values';
export type { ValueEntry } from './values';
export { chartIndexForFile, fileExists, nodeChartAccess } from './nodeAccess';
