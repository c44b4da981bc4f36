/**
 * Small helpers over the `yaml` AST shared by the validation rules: map
 * look-ups by key, alias resolution with a budget, the JSON kind of a scalar.
 */
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Quantity } from '../../placement/quantity';
import { parseQuantity } from '../../placement/quantity';
import { keyName } from '../yamlModel';

/** Follows aliases (a bounded number of hops: an alias may point at its own ancestor). */
export function resolveNode(doc: Document.Parsed, node: unknown): YamlNode | null {
  let current = node;
  for (let hops = 0; hops < 16 && isAlias(current); hops++) current = current.resolve(doc);
  if (isAlias(current)) return null;
  return (current as YamlNode | null | undefined) ?? null;
}

/**
 * A merge key as go-yaml v2's decoder sees one (isMerge): a plain `<<` (the
 * parser's merge tag gives it a symbol value), or a `<<` tagged `!!merge`. A
 * quoted "<<" is an ordinary key.
 */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  return typeof key.value === 'symbol' || (key.value === '<<' && (key.type === 'PLAIN' || key.tag === 'tag:yaml.org,2002:merge'));
}

/** Whether a pair of a map is a merge (`<<: *base`) whose sources are listed after the map's own pairs (`<<: []` is an own pair). */
function isMerge(item: Pair): boolean {
  return isMergeKey(item.key) && (!isSeq(item.value) || item.value.items.length > 0);
}

/** The pairs of a map, with `<<` merge keys expanded (merged pairs listed after the map's own). */
export function mapPairs(doc: Document.Parsed, map: YAMLMap): { own: Pair[]; merged: Pair[] } {
  const own: Pair[] = [];
  const merged: Pair[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (!isMerge(item)) {
      own.push(item);
      continue;
    }
    const sources = isSeq(item.value) ? item.value.items : [item.value];
    for (const source of sources) {
      const target = resolveNode(doc, source);
      if (isMap(target)) for (const pair of target.items) if (isPair(pair)) merged.push(pair);
    }
  }
  return { own, merged };
}

/**
 * The pairs a map holds once decoded, as go-yaml v2 (kubectl) decodes it:
 * pairs apply in the order written, a later one replacing an earlier one of
 * the same key, and a `<<` merge applies its maps where it stands (of a list
 * of maps, the first wins). So a key written after the `<<` overrides the
 * merged one, and a key written before it is overridden (go-yaml v3 and the
 * YAML merge spec keep it; kubectl's v2 does not). Each pair once, in the
 * order its key first appeared; pairs whose key has no JSON name kept as they are.
 */
export function effectivePairs(doc: Document.Parsed, map: YAMLMap): Pair[] {
  if (!map.items.some((item) => isPair(item) && isMerge(item))) return map.items.filter(isPair);
  const byKey = new Map<string, Pair>();
  const unnamed: Pair[] = [];
  const apply = (target: YAMLMap, depth: number) => {
    for (const item of target.items) {
      if (!isPair(item)) continue;
      if (!isMerge(item)) {
        const key = keyName(item);
        if (key === undefined) unnamed.push(item);
        else byKey.set(key, item);
        continue;
      }
      if (depth > 16) continue; // a merge of its own ancestor: go-yaml stops on the alias loop long before
      // decode.go merge(): a list is applied from its last map to its first, so the first wins
      const sources = isSeq(item.value) ? [...item.value.items].reverse() : [item.value];
      for (const source of sources) {
        const resolved = resolveNode(doc, source);
        if (isMap(resolved)) apply(resolved, depth + 1);
      }
    }
  };
  apply(map, 0);
  return [...byKey.values(), ...unnamed];
}

/**
 * The pair with the given key in a map, as decoding keeps it (effectivePairs).
 * The rules look up paths in every document of a big file: a map without a
 * merge is searched in place, the pairs listed only when the map has a merge.
 */
export function getPair(doc: Document.Parsed, map: unknown, key: string): Pair | undefined {
  const resolved = resolveNode(doc, map);
  if (!isMap(resolved)) return undefined;
  let own: Pair | undefined;
  let merges = false;
  for (const item of resolved.items) {
    if (!isPair(item)) continue;
    if (isMerge(item)) merges = true;
    else if (own === undefined && keyName(item) === key) own = item;
  }
  // With a merge, the pair decoding keeps (a key before the `<<` may be overridden by it).
  return merges ? effectivePairs(doc, resolved).find((p) => keyName(p) === key) : own;
}

/** The value node at a key path (aliases followed), or null. */
export function getIn(doc: Document.Parsed, node: unknown, ...keys: (string | number)[]): YamlNode | null {
  let current = resolveNode(doc, node);
  for (const key of keys) {
    if (current === null) return null;
    if (typeof key === 'number') {
      current = isSeq(current) ? resolveNode(doc, current.items[key]) : null;
    } else {
      const pair = getPair(doc, current, key);
      current = pair ? resolveNode(doc, pair.value) : null;
    }
  }
  return current;
}

export type ScalarKind = 'null' | 'string' | 'integer' | 'float' | 'boolean';

/**
 * The JSON type kubectl sends for a scalar node. The parser already resolved
 * every scalar as go-yaml v2 does (yamlModel/goYamlScalars.ts), so this only
 * maps the JS value to a JSON kind.
 */
export function scalarKind(node: YamlNode): ScalarKind | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  // `1.0` reaches the API server as the JSON number 1, which an integer field accepts.
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  return undefined;
}

const quantities = new WeakMap<YamlNode, Quantity | null>();

/**
 * The resource quantity a scalar holds, read as the API server reads what
 * kubectl sends (a string trimmed of surrounding spaces, or a JSON number);
 * undefined when it is not one. Parsed once per node: validation, placement
 * and code actions all ask for the same nodes of a document version.
 */
export function scalarQuantity(node: unknown): Quantity | undefined {
  if (!isScalar(node)) return undefined;
  let quantity = quantities.get(node);
  if (quantity === undefined) {
    const value = node.value;
    const parsed = typeof value === 'string' ? parseQuantity(value.trim()) : typeof value === 'number' || typeof value === 'bigint' ? parseQuantity(value) : undefined;
    quantity = parsed ?? null;
    quantities.set(node, quantity);
  }
  return quantity ?? undefined;
}

/** A string scalar's value, else undefined. */
export function stringValue(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Items of a sequence node (aliases followed), or an empty list. */
export function seqItems(doc: Document.Parsed, node: unknown): Array<YamlNode | null> {
  const resolved = resolveNode(doc, node);
  return isSeq(resolved) ? resolved.items.map((item) => resolveNode(doc, item)) : [];
}
