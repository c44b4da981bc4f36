/** PriorityClass names defined in a file (`kind: PriorityClass` documents' metadata.name). */
import type { YamlFile } from '../yamlModel';
import { objectDocuments } from '../yamlModel';
import { getIn, stringValue } from './yamlAst';

/** The names of the PriorityClasses a file defines, for the `priorityClasses` validation option. */
export function priorityClassNames(file: YamlFile): string[] {
  const names: string[] = [];
  for (const document of objectDocuments(file)) {
    if (document.kind !== 'PriorityClass') continue;
    const name = stringValue(getIn(document.doc, document.doc.contents, 'metadata', 'name'));
    if (name) names.push(name);
  }
  return names;
}
