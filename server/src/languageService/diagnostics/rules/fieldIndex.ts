/**
 * Where each field name is valid in a kind's tree, for "belongs under …" hints
 * on misplaced fields (`tolerations` directly under `spec`).
 */
import type { ApiModel, ApiType } from '../../apiModel';

const cache = new WeakMap<ApiModel, Map<string, Map<string, string>>>();

/** field name -> the shallowest path (as users write it) of an object that has it. */
export function fieldIndex(model: ApiModel, root: string): Map<string, string> {
  let byRoot = cache.get(model);
  if (!byRoot) cache.set(model, (byRoot = new Map<string, Map<string, string>>()));
  const known = byRoot.get(root);
  if (known) return known;
  const index = new Map<string, string>();
  const seen = new Set<string>();
  let level: Array<{ ref: string; path: string }> = [{ ref: root, path: '' }];
  for (let depth = 0; depth < 10 && level.length; depth++) {
    const next: typeof level = [];
    for (const { ref, path } of level) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      for (const field of Object.values(model.definitions[ref]?.fields ?? {})) {
        if (!index.has(field.name)) index.set(field.name, path || '(top level)');
        const child = objectRef(field.type);
        if (child) next.push({ ref: child.ref, path: `${path ? `${path}.` : ''}${field.name}${child.list ? '[]' : ''}` });
      }
    }
    level = next;
  }
  byRoot.set(root, index);
  return index;
}

function objectRef(type: ApiType): { ref: string; list: boolean } | undefined {
  if (type.kind === 'object') return { ref: type.ref, list: false };
  if (type.kind === 'array' && type.items.kind === 'object') return { ref: type.items.ref, list: true };
  return undefined;
}
