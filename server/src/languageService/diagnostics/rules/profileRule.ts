/**
 * Cluster profile files, checked by the very reader the placement preview and
 * `place` use: a profile that shows no error here is one they can read, and
 * every error they would stop on is underlined at its line.
 */
import { isSeq } from 'yaml';
import { readConcise } from '../../profiles/concise';
import { readKubectl } from '../../profiles/kubectlList';
import { Reader } from '../../profiles/reader';
import type { YamlDocument } from '../../yamlModel';
import type { DocumentRule } from '../types';
import { getIn, stringValue } from '../yamlAst';

/** A kubectl list read as a cluster profile: a NodeList, or a List holding at least one Node. */
export function isNodeList(document: YamlDocument): boolean {
  if (document.kind === 'NodeList') return true;
  if (document.kind !== 'List') return false;
  const { doc } = document;
  const items = getIn(doc, doc.contents, 'items');
  return isSeq(items) && items.items.some((item) => stringValue(getIn(doc, item, 'kind')) === 'Node');
}

export const profileRule: DocumentRule = {
  kinds: ['ClusterProfile', 'List', 'NodeList'],
  codes: [
    { code: 'invalid-profile', defaultSeverity: 'error', description: 'A cluster profile the placement preview and `place` cannot read (unknown field, wrong type, bad quantity, duplicate node, no nodes, …).' },
  ],
  check(ctx) {
    const { file, document } = ctx;
    if (document.kind !== 'ClusterProfile' && !isNodeList(document)) return;
    const { errors } = document.kind === 'ClusterProfile' ? readConcise(new Reader(file, document), '') : readKubectl(file, '');
    for (const error of errors) {
      // readKubectl reads every document of the file: report each error once, in its own document.
      if (error.start === undefined || error.start < document.start || error.start > document.end) continue;
      ctx.report({ code: 'invalid-profile', severity: 'error', message: error.message, start: error.start, end: error.end });
    }
  },
};
