/**
 * What a nodeSelector entry, an affinity expression or a toleration means on
 * the active cluster profile: how many nodes it matches or tolerates, naming a few.
 */
import { requirementMismatch } from '../../placement/nodeAffinity';
import { toleratesTaint } from '../../placement/tolerations';
import type { ClusterProfile, NodeModel } from '../../placement/types';
import { getIn, seqItems, stringValue } from '../diagnostics/yamlAst';
import type { YamlFile } from '../yamlModel';
import { documentAt, listItemAt, pathAt } from '../yamlModel';

function few(nodes: NodeModel[]): string {
  const names = nodes.slice(0, 3).map((n) => n.name);
  return names.length ? `: ${names.join(', ')}${nodes.length > 3 ? ', …' : ''}` : '';
}

/**
 * A Markdown line about the hovered selector or toleration on the profile, if
 * the hover is on one. The profile is asked for only then: a hover elsewhere
 * reads no profile (a 100,000-node one takes seconds to load).
 */
export function profileHoverNote(file: YamlFile, offset: number, profileOf: () => ClusterProfile | undefined): string | undefined {
  const fileDocument = documentAt(file, offset);
  if (!fileDocument) return undefined;
  const inList = listItemAt(fileDocument, offset);
  const document = inList?.item ?? fileDocument;
  if (document.kind !== 'DaemonSet') return undefined;
  // In a list item, the path below the item (`items.N` dropped).
  const path = pathAt(fileDocument, offset)?.path.slice(inList ? 2 : 0);
  if (!path) return undefined;
  const podPath = ['spec', 'template', 'spec'];
  const field = path.length >= 4 && podPath.every((s, i) => path[i] === s) ? path[3] : undefined;
  if (field !== 'nodeSelector' && field !== 'tolerations' && field !== 'affinity') return undefined;
  const profile = profileOf();
  if (!profile) return undefined;
  const total = profile.nodes.length;
  const on = `on ${profile.name}`;
  const { doc } = document;
  if (field === 'nodeSelector' && typeof path[4] === 'string') {
    const key = path[4];
    const value = stringValue(getIn(doc, doc.contents, ...podPath, 'nodeSelector', key)) ?? '';
    const matching = profile.nodes.filter((n) => n.labels[key] === value);
    return `**${on}:** \`${key}=${value}\` matches ${matching.length} of ${total} nodes${few(matching)}`;
  }
  if (field === 'tolerations' && typeof path[4] === 'number') {
    const item = getIn(doc, doc.contents, ...podPath, 'tolerations', path[4]);
    const read = (k: string) => stringValue(getIn(doc, item, k));
    const toleration = { key: read('key'), operator: read('operator'), value: read('value'), effect: read('effect') };
    const tolerated = profile.nodes.filter((n) => n.taints.some((t) => toleratesTaint(toleration, t)));
    return `**${on}:** tolerates taints of ${tolerated.length} of ${total} nodes${few(tolerated)}`;
  }
  const expressionsAt = path.indexOf('matchExpressions');
  if (field === 'affinity' && expressionsAt > 0 && typeof path[expressionsAt + 1] === 'number') {
    const item = getIn(doc, doc.contents, ...path.slice(0, expressionsAt + 2));
    const key = stringValue(getIn(doc, item, 'key'));
    const operator = stringValue(getIn(doc, item, 'operator'));
    if (!key || !operator) return undefined;
    const values = seqItems(doc, getIn(doc, item, 'values')).map((v) => stringValue(v) ?? '');
    const matching = profile.nodes.filter((n) => requirementMismatch({ key, operator, values }, n.labels) === undefined);
    return `**${on}:** \`${key} ${operator}${values.length ? ` [${values.join(', ')}]` : ''}\` matches ${matching.length} of ${total} nodes${few(matching)}`;
  }
  return undefined;
}
