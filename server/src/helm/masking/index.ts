export { maskTemplate } from './mask';
export type { MaskResult } from './mask';
export { isTemplateFile, parseTemplateFile } from './templateFile';
export type { TemplateFile } from './templateFile';
