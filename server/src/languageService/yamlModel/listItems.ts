/**
 * kubectl lists: a `kind: List` (or any `<Kind>List` that `kubectl get -o yaml`
 * prints: DaemonSetList, PodList, …) holds its objects under `items`. Each item
 * is an object of its own for validation, completion, hover and placement.
 *
 * An item is presented as a {@link YamlDocument} whose `doc.contents` is the
 * item's node: every rule and reader that starts from `doc.contents` works on
 * it unchanged. Node ranges stay relative to the list document's `start`
 * (the item is a node of the same parse), so findings land on the item's lines.
 */
import type { Document, Node as YamlNode } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { plainDocument } from './documentParse';
import { topLevelString } from './yamlFile';
import type { YamlDocument, YamlFile } from './yamlFile';

/** `List`, `DaemonSetList`, `NodeList`, …: the kinds kubectl prints for several objects. */
export function isListKind(kind: string | undefined): boolean {
  return kind !== undefined && /^([A-Z][A-Za-z0-9]*)?List$/.test(kind);
}

/** The kind an item of a typed list has when it does not say (`DaemonSetList` -> `DaemonSet`). */
function impliedItemKind(listKind: string): string | undefined {
  return listKind === 'List' ? undefined : listKind.slice(0, -'List'.length);
}

function itemsNode(document: YamlDocument): YamlNode | undefined {
  const root = document.doc.contents;
  if (!isMap(root)) return undefined;
  const pair = root.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'items');
  return isSeq(pair?.value) ? pair.value : undefined;
}

const itemCache = new WeakMap<Document.Parsed, YamlDocument[]>();

/**
 * The items of a list document as documents of their own, or undefined when
 * the document is not a list. Anchors are resolved within an item (kubectl
 * never prints anchors; one item aliasing another is not supported).
 */
export function listItems(document: YamlDocument): YamlDocument[] | undefined {
  if (!isListKind(document.kind)) return undefined;
  const cached = itemCache.get(document.doc);
  if (cached && cached[0]?.start === document.start) return cached;
  const seq = itemsNode(document);
  if (!seq || !isSeq(seq)) return undefined;
  const implied = impliedItemKind(document.kind ?? 'List');
  const items = seq.items.flatMap((node): YamlDocument[] => {
    if (!isMap(node)) return [];
    // A view of the list's parse rooted at the item: the same nodes, the same offsets.
    const doc = Object.create(document.doc) as Document.Parsed;
    Object.defineProperty(doc, 'contents', { value: node, enumerable: true });
    // Items of a typed list may leave out their kind and apiVersion: the list's apply.
    return [{ ...plainDocument(document), id: doc, doc, problems: [], kind: topLevelString(doc, 'kind') ?? implied, apiVersion: topLevelString(doc, 'apiVersion') ?? (implied ? document.apiVersion : undefined) }];
  });
  itemCache.set(document.doc, items);
  return items;
}

/** The objects of a file: each document, or the items of a list document in its place. */
export function objectDocuments(file: Pick<YamlFile, 'documents'>): YamlDocument[] {
  return file.documents.flatMap((document) => listItems(document) ?? [document]);
}

/** The item at an index of a list document's `items` (the path `items.<index>`), when it is an object. */
export function listItemByIndex(document: YamlDocument, index: number): YamlDocument | undefined {
  const items = listItems(document);
  const seq = items && itemsNode(document);
  if (!items || !seq || !isSeq(seq) || !isMap(seq.items[index])) return undefined;
  return items[seq.items.slice(0, index).filter((node) => isMap(node)).length];
}

/**
 * The list item that holds a file offset, with the path of the item inside
 * the list (`['items', 2]`), or undefined when the document is not a list or
 * the offset is outside its items.
 */
export function listItemAt(document: YamlDocument, offset: number): { item: YamlDocument; prefix: ['items', number] } | undefined {
  const seq = isListKind(document.kind) ? itemsNode(document) : undefined;
  if (!seq || !isSeq(seq)) return undefined;
  const relative = offset - document.start;
  const index = seq.items.findIndex((node) => isMap(node) && node.range !== undefined && node.range !== null && relative >= node.range[0] && relative <= node.range[2]);
  const item = index < 0 ? undefined : listItemByIndex(document, index);
  return item ? { item, prefix: ['items', index] } : undefined;
}
