/** PriorityClass names defined in a file (`kind: PriorityClass` documents' metadata.name). */
import type { YamlDocument, YamlFile } from '../yamlModel';
import { objectDocuments } from '../yamlModel';
import { getIn, stringValue } from './yamlAst';

/** Whether a document's text may define a PriorityClass, by the document's id: its text is searched once, not at every request. */
const mayDefine = new WeakMap<object, boolean>();

function mayDefinePriorityClass(document: YamlDocument): boolean {
  let may = mayDefine.get(document.id);
  if (may === undefined) {
    may = document.text.includes('PriorityClass') || document.text.includes('\\');
    mayDefine.set(document.id, may);
  }
  return may;
}

/** The names of the PriorityClasses a file defines, for the `priorityClasses` validation option. */
export function priorityClassNames(file: YamlFile): string[] {
  const names: string[] = [];
  // Only a document that spells the kind (or may escape a letter of it in a
  // quoted scalar) can define one: the others are not parsed for it, so a big
  // open file costs no parse on every request (issue 15 item 8).
  const candidates = file.documents.filter(mayDefinePriorityClass);
  for (const document of objectDocuments({ documents: candidates })) {
    if (document.kind !== 'PriorityClass') continue;
    const name = stringValue(getIn(document.doc, document.doc.contents, 'metadata', 'name'));
    if (name) names.push(name);
  }
  return names;
}
