/**
 * What existing node is under a file offset: its YAML path from the document
 * root and whether the offset is on a key or on a value. Works for block and
 * flow style; aliases are not followed (an alias is a value of its own).
 */
import type { Node as YamlNode, Pair } from 'yaml';
import { isMap, isPair, isSeq } from 'yaml';
import { jsonKey } from './goYamlScalars';
import type { YamlDocument } from './yamlFile';

export type YamlPath = (string | number)[];

export interface PathHit {
  /** Path of the key (when onKey) or of the value under the offset. */
  path: YamlPath;
  onKey: boolean;
  /** The value node (for a key hit: the pair's value, possibly null). */
  node: YamlNode | null;
  pair?: Pair;
  /** File offsets of the key text when the hit is on or beside a key. */
  keyRange?: [number, number];
}

/**
 * A scalar key as the string kubectl sends (sigs.k8s.io/yaml's key
 * conversion, see jsonKey: `0x1F` → "31", `on` → "true"), else undefined.
 */
export function keyName(pair: Pair): string | undefined {
  return jsonKey(pair.key);
}

function within(node: { range?: [number, number, number] | null } | null | undefined, offset: number): boolean {
  const range = node?.range;
  return !!range && range[0] <= offset && offset <= range[1];
}

/** Finds the deepest node at a document-relative offset. */
function descend(node: YamlNode | null | undefined, offset: number, path: YamlPath, document: YamlDocument): PathHit | undefined {
  if (!node) return undefined;
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const name = keyName(item);
      const key = item.key as YamlNode | null;
      if (name !== undefined && within(key, offset)) {
        const range = key!.range!;
        return { path: [...path, name], onKey: true, node: (item.value as YamlNode | null) ?? null, pair: item, keyRange: [document.start + range[0], document.start + range[1]] };
      }
      const value = item.value as YamlNode | null;
      if (name !== undefined && value && within(value, offset)) {
        return descend(value, offset, [...path, name], document) ?? { path: [...path, name], onKey: false, node: value, pair: item };
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as YamlNode | null;
      if (item && within(item, offset)) return descend(item, offset, [...path, i], document) ?? { path: [...path, i], onKey: false, node: item };
    }
    return undefined;
  }
  if (within(node, offset)) return { path, onKey: false, node };
  return undefined;
}

/** The key or value at a file offset inside a document, or undefined between nodes. */
export function pathAt(document: YamlDocument, fileOffset: number): PathHit | undefined {
  return descend(document.doc.contents, fileOffset - document.start, [], document);
}

/** The node at a path (string segments are keys, numbers list indexes), or undefined. */
export function nodeAtPath(document: YamlDocument, path: readonly (string | number)[]): YamlNode | undefined {
  let node = document.doc.contents as YamlNode | null | undefined;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      if (!isSeq(node)) return undefined;
      node = node.items[segment] as YamlNode | undefined;
    } else {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((p) => isPair(p) && keyName(p) === segment);
      node = pair?.value as YamlNode | null | undefined;
    }
  }
  return node ?? undefined;
}

/** Renders a path as users write it: `spec.template.spec.tolerations[0].effect`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}
