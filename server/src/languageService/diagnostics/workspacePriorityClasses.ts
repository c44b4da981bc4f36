/** PriorityClass names defined in a file (`kind: PriorityClass` documents' metadata.name). */
import type { YamlFile } from '../yamlModel';
import { objectDocuments } from '../yamlModel';
import { getIn, stringValue } from './yamlAst';

/** The names of the PriorityClasses a file defines, for the `priorityClasses` validation option. */
export function priorityClassNames(file: YamlFile): string[] {
  const names: string[] = [];
  // Only a document that spells the kind (or may escape a letter of it in a
  // quoted scalar) can define one: the others are not parsed for it, so a big
  // open file costs no parse on every request (issue 15 item 8).
  const candidates = file.documents.filter((document) => document.text.includes('PriorityClass') || document.text.includes('\\'));
  for (const document of objectDocuments({ ...file, documents: candidates })) {
    if (document.kind !== 'PriorityClass') continue;
    const name = stringValue(getIn(document.doc, document.doc.contents, 'metadata', 'name'));
    if (name) names.push(name);
  }
  return names;
}
