/**
 * Strategic-merge patches as Kustomize applies them (kyaml's merge2 walker,
 * which `kubectl kustomize` runs): maps merge key by key, `null` removes a key,
 * `$patch: delete|replace|merge` on a map or a list, lists merge by the keys
 * the API declares (x-kubernetes-patch-strategy containing `merge`, with
 * x-kubernetes-list-map-keys or x-kubernetes-patch-merge-key, from the
 * generated model) and are replaced otherwise. Items named in the patch come
 * first, in the patch's order, then the base's other items (kyaml's "prepend").
 * Like Kustomize, the other directives (`$setElementOrder/…`, `$retainKeys`,
 * `$deleteFromPrimitiveList/…`) are not applied: they are copied as fields
 * (the build warns).
 */
import type { ApiModel, ApiType } from '../languageService/apiModel';
import type { Json, JsonObject } from './tree';
import { cloneTree, isObject, originOf, setOrigin } from './tree';

/** The merged value, or DELETE when the patch removes it. */
export const DELETE = Symbol('delete');
type Merged = Json | typeof DELETE;

interface MergeContext {
  model: ApiModel;
}

const COPIED_DIRECTIVE = /^\$(setElementOrder\/|retainKeys$|deleteFromPrimitiveList\/)/;

function fieldType(model: ApiModel, type: ApiType | undefined, key: string): { type?: ApiType; strategy?: string; keys?: string[] } {
  if (type?.kind !== 'object') return {};
  const field = model.definitions[type.ref]?.fields[key];
  if (!field) return {};
  const patch = field.patch;
  const keys = patch?.mapKeys ?? (patch?.mergeKey ? [patch.mergeKey] : undefined);
  return { type: field.type, strategy: patch?.strategy, keys };
}

function directive(value: JsonObject): string | undefined {
  const d = value.$patch;
  return typeof d === 'string' ? d : undefined;
}

function withoutDirective(value: JsonObject): JsonObject {
  const copy = cloneTree(value);
  delete copy.$patch;
  return copy;
}

/** Merges a patch object into a base object (the base is changed in place and returned). */
export function mergeObject(base: JsonObject, patch: JsonObject, type: ApiType | undefined, context: MergeContext): Merged {
  const d = directive(patch);
  if (d === 'delete') return DELETE;
  if (d === 'replace') return withoutDirective(patch);
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch') continue;
    if (value === null) {
      delete base[key];
      continue;
    }
    const { type: childType, strategy, keys } = fieldType(context.model, type?.kind === 'object' ? type : undefined, key);
    const previous = key in base ? base[key] : undefined;
    const merged = previous !== undefined ? mergeValue(previous, value, childType, strategy, keys, context) : addValue(value);
    if (merged === DELETE) {
      delete base[key];
      continue;
    }
    base[key] = merged;
    // the key's line: the patch's where it wrote or replaced the value; the base's where the base's object was merged into
    // (a scalar the patch repeats, such as the merge key `name`, keeps the base's line)
    if (merged !== previous || (!isObject(merged) && !Array.isArray(merged) && merged !== previous)) setOrigin(base, key, originOf(patch, key));
  }
  return base;
}

/** A value the base does not have: the patch's, without its directives. */
function addValue(value: Json): Merged {
  if (isObject(value)) {
    const d = directive(value);
    if (d === 'delete') return DELETE;
    return d ? withoutDirective(value) : cloneTree(value);
  }
  if (Array.isArray(value)) return cloneTree(value.filter((item) => !(isObject(item) && Object.keys(item).length === 1 && typeof item.$patch === 'string')));
  return value;
}

function mergeValue(base: Json, patch: Json, type: ApiType | undefined, strategy: string | undefined, keys: string[] | undefined, context: MergeContext): Merged {
  if (isObject(patch)) {
    if (!isObject(base)) return addValue(patch);
    const itemType = type?.kind === 'object' ? type : undefined;
    // a free map (labels, nodeSelector) merges key by key too; its values have no further structure
    return mergeObject(base, patch, itemType ?? (type?.kind === 'map' ? undefined : type), context);
  }
  if (Array.isArray(patch)) {
    const associative = strategy?.split(',').includes('merge') ?? false;
    if (!associative || !Array.isArray(base)) return cloneTree(patch);
    return mergeList(base, patch, type?.kind === 'array' ? type.items : undefined, keys ?? [], context);
  }
  return patch;
}

/** A list-level `$patch` item (`- $patch: replace`): kyaml reads it only when it is the item's only key. */
function listDirective(patch: Json[]): string | undefined {
  const item = patch.find((i) => isObject(i) && Object.keys(i).length === 1 && typeof i.$patch === 'string') as JsonObject | undefined;
  return item ? (item.$patch as string) : undefined;
}

const keyValues = (item: Json, keys: string[]): string[] => keys.map((k) => (isObject(item) && item[k] !== undefined && item[k] !== null ? String(item[k] as string) : ''));

function mergeList(base: Json[], patchList: Json[], itemType: ApiType | undefined, keys: string[], context: MergeContext): Merged {
  const d = listDirective(patchList);
  const patch = patchList.filter((i) => !(isObject(i) && Object.keys(i).length === 1 && typeof i.$patch === 'string'));
  if (d === 'delete') return DELETE;
  if (d === 'replace') return cloneTree(patch);
  if (keys.length === 0) {
    // a merge list of scalars: the union, the patch's values first
    const seen = new Set<string>();
    const out: Json[] = [];
    for (const value of [...patch, ...base]) {
      const k = JSON.stringify(value);
      if (!seen.has(k)) out.push(cloneTree(value));
      seen.add(k);
    }
    return out;
  }
  // the identities of the items, the patch's first (kyaml's prepend direction), each once
  let identities: string[][] = [];
  const seen = new Set<string>();
  for (const item of [...patch, ...base]) {
    const values = keyValues(item, keys);
    if (values.every((v) => v === '') || seen.has(values.join('\0'))) continue;
    seen.add(values.join('\0'));
    identities.push(values);
  }
  if (keys.length > 1) identities = mergeIdentities(identities);
  // keys some item sets: an identity is compared on those only
  const used = keys.map((_, i) => identities.some((values) => values[i] !== ''));
  const find = (list: Json[], values: string[]) => list.findIndex((item) => keyValues(item, keys).every((v, i) => !used[i] || v === values[i]));
  const out: Json[] = [];
  const outKeys = new Set<string>();
  for (const values of identities) {
    const id = values.filter((_, i) => used[i]).join('\0');
    if (outKeys.has(id)) continue;
    outKeys.add(id);
    const b = find(base, values);
    const p = find(patch, values);
    const baseItem = b >= 0 ? base[b] : undefined;
    const patchItem = p >= 0 ? patch[p] : undefined;
    let merged: Merged;
    if (patchItem === undefined) merged = baseItem ?? null;
    else if (baseItem === undefined || !isObject(baseItem) || !isObject(patchItem)) merged = addValue(patchItem);
    else merged = mergeObject(baseItem, patchItem, itemType, context);
    if (merged === DELETE || merged === null || (isObject(merged) && Object.keys(merged).length === 0)) continue;
    out.push(merged);
    setOrigin(out, out.length - 1, p >= 0 && b < 0 ? originOf(patch, p) : b >= 0 ? originOf(base, b) : originOf(patch, p));
  }
  return out;
}

/** kyaml's mergeValues: two identities that agree where both are set (and agree somewhere) are one item. */
function mergeIdentities(identities: string[][]): string[][] {
  const list = identities.map((v) => [...v]);
  for (let i = 0; i < list.length; i++) {
    for (let j = 0; j < list.length; j++) {
      const a = list[i];
      const b = list[j];
      let common = false;
      let clash = false;
      const merged = a.map((v, k) => {
        if (v === b[k]) {
          common = true;
          return v;
        }
        if (v !== '' && b[k] !== '') clash = true;
        return v !== '' ? v : b[k];
      });
      if (common && !clash) list[i] = list[j] = merged;
    }
  }
  return list;
}

/** The directives Kustomize copies, anywhere in the patch (under a field the base lacks too: the whole value is copied then). */
function collectCopiedDirectives(value: Json, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectCopiedDirectives(item, into);
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (COPIED_DIRECTIVE.test(key)) into.add(key.replace(/\/.*$/, '/…'));
      collectCopiedDirectives(item, into);
    }
  }
}

/**
 * Applies a strategic-merge patch to a resource (changed in place). Returns
 * the merged resource, or DELETE when the patch deletes it, and the names of
 * directives Kustomize copied instead of applying.
 */
export function applyStrategicMerge(resource: JsonObject, patch: JsonObject, model: ApiModel): { result: Merged; copiedDirectives: string[] } {
  const context: MergeContext = { model };
  const copiedDirectives = new Set<string>();
  collectCopiedDirectives(patch, copiedDirectives);
  const kind = typeof resource.kind === 'string' ? resource.kind : '';
  const root = model.roots[kind] ? model.definitions[model.roots[kind]] : undefined;
  const result = mergeObject(resource, patch, root ? { kind: 'object', ref: root.name } : undefined, context);
  return { result, copiedDirectives: [...copiedDirectives] };
}
