/**
 * Which object of the API model describes a path of a document: the
 * document's own kind (a DaemonSet, a concise ClusterProfile), or, in a
 * kubectl List captured as a cluster profile, the kind of the item the path
 * is in (a Node or a Pod). Completion and hover resolve paths through here so
 * profile files get the same features as manifests without special cases.
 */
import { getIn, stringValue } from '../diagnostics/yamlAst';
import { LIST_ITEM_KINDS } from '../profiles/kubectlList';
import type { YamlDocument } from '../yamlModel';
import { listItemByIndex } from '../yamlModel';
import type { ApiModel } from './types';

/** Kinds whose documents get completion and hover. */
const DOCUMENT_KINDS = new Set(['DaemonSet', 'PriorityClass', 'ClusterProfile']);
/** The item kinds of a kubectl list read as a cluster profile. */
const PROFILE_ITEM_KINDS = new Set(['Node', 'Pod']);

export interface RootedPath {
  /** The kind the path belongs to (the item's kind inside a List). */
  kind: string;
  /** Definition name of that kind's root object. */
  root: string;
  /** The path below that root. */
  path: (string | number)[];
}

export function rootedPath(model: ApiModel, document: YamlDocument, path: readonly (string | number)[]): RootedPath | undefined {
  const kind = document.kind;
  if (kind === undefined) return undefined;
  if (Object.hasOwn(LIST_ITEM_KINDS, kind)) {
    if (path[0] !== 'items' || typeof path[1] !== 'number') return undefined;
    const { doc } = document;
    const itemKind = stringValue(getIn(doc, getIn(doc, doc.contents, 'items', path[1]), 'kind')) ?? LIST_ITEM_KINDS[kind];
    const root = itemKind !== undefined && PROFILE_ITEM_KINDS.has(itemKind) ? model.roots[itemKind] : undefined;
    return root && itemKind ? { kind: itemKind, root, path: path.slice(2) } : undefined;
  }
  const root = DOCUMENT_KINDS.has(kind) ? model.roots[kind] : undefined;
  return root ? { kind, root, path: [...path] } : undefined;
}

/**
 * The object a path belongs to: inside a kubectl list of
 * DaemonSets (or PriorityClasses), the list item and the path below it, so
 * completion and hover work there exactly as in a top-level document; else
 * the document and the path unchanged (a list of Nodes read as a cluster
 * profile keeps its own rooting, see {@link rootedPath}).
 */
export function objectAtPath(model: ApiModel, document: YamlDocument, path: readonly (string | number)[]): { document: YamlDocument; path: (string | number)[] } {
  const item = path[0] === 'items' && typeof path[1] === 'number' ? listItemByIndex(document, path[1]) : undefined;
  if (item?.kind !== undefined && DOCUMENT_KINDS.has(item.kind) && model.roots[item.kind]) return { document: item, path: path.slice(2) };
  return { document, path: [...path] };
}
