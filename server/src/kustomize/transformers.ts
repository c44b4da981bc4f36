/**
 * Kustomize's built-in transformers over built resources: namespace,
 * namePrefix/nameSuffix, labels, annotations, images, and the name
 * references that follow renamed objects. Each writes where Kustomize's
 * fieldSpecs say (fieldSpecs.ts) and records the kustomization line that
 * caused the change as the value's origin.
 */
import type { SourceLine } from '../render/types';
import type { FieldSpec } from './fieldSpecs';
import { ANNOTATIONS, CLUSTER_SCOPED, IMAGES, METADATA_LABELS, NAME_REFERENCES, NOT_RENAMED, POD_SPEC_PATHS, SELECTOR_LABELS, TEMPLATE_LABELS } from './fieldSpecs';
import type { ImageEntry, LabelEntry } from './kustomization';
import type { Json, JsonObject } from './tree';
import { isObject, setOrigin } from './tree';

/** A resource of the build: the object, where it starts in its file, and the names it had. */
export interface BuiltResource {
  object: JsonObject;
  origin: SourceLine;
  /** kind/name pairs it answered to (its names before prefixes), for patches and name references. */
  previousNames: string[];
  /** A generated ConfigMap or Secret whose name gets its content hash at the end of the build (generators.ts). */
  hashSuffix?: boolean;
}

export const kindOf = (r: BuiltResource): string => (typeof r.object.kind === 'string' ? r.object.kind : '');
const metadata = (r: BuiltResource): JsonObject => {
  if (!isObject(r.object.metadata)) r.object.metadata = {};
  return r.object.metadata;
};
export const nameOf = (r: BuiltResource): string => {
  const name = metadata(r).name;
  return typeof name === 'string' ? name : typeof name === 'number' ? String(name) : '';
};
export const namespaceOf = (r: BuiltResource): string | undefined => (typeof metadata(r).namespace === 'string' ? (metadata(r).namespace as string) : undefined);

/** The containers a path names (`a/b[]/c`: every item of b), creating maps on the way when `create`. */
function containersAt(root: JsonObject, path: string, create: boolean, origin: SourceLine | undefined): Array<{ parent: JsonObject; key: string }> {
  const segments = path.split('/');
  let current: JsonObject[] = [root];
  for (let i = 0; i < segments.length - 1; i++) {
    const [key, each] = segments[i].endsWith('[]') ? [segments[i].slice(0, -2), true] : [segments[i], false];
    const next: JsonObject[] = [];
    for (const object of current) {
      let value = object[key];
      if (value === undefined || value === null) {
        if (!create || each) continue;
        value = object[key] = {};
        setOrigin(object, key, origin);
      }
      if (each) {
        if (Array.isArray(value)) next.push(...value.filter(isObject));
      } else if (isObject(value)) next.push(value);
    }
    current = next;
  }
  const last = segments[segments.length - 1];
  return current.map((parent) => ({ parent, key: last.endsWith('[]') ? last.slice(0, -2) : last }));
}

function applies(spec: FieldSpec, kind: string): boolean {
  return spec.kinds === undefined || spec.kinds.includes(kind);
}

/** Writes key/value pairs into the maps the specs name. */
function setPairs(r: BuiltResource, specs: readonly FieldSpec[], pairs: Record<string, string>, origin: SourceLine | undefined): void {
  for (const spec of specs) {
    if (!applies(spec, kindOf(r))) continue;
    for (const { parent, key } of containersAt(r.object, spec.path, spec.create, origin)) {
      let map = parent[key];
      if (map === undefined || map === null) {
        if (!spec.create) continue;
        map = parent[key] = {};
        setOrigin(parent, key, origin);
      }
      if (!isObject(map)) continue;
      for (const [k, v] of Object.entries(pairs)) {
        map[k] = v;
        setOrigin(map, k, origin);
      }
    }
  }
}

export function setNamespace(resources: BuiltResource[], namespace: string, origin: SourceLine | undefined): void {
  for (const r of resources) {
    // ServiceAccount subjects without a namespace or in `default` follow it, in a ClusterRoleBinding too (the namespace transformer's subject rule)
    if (kindOf(r) === 'RoleBinding' || kindOf(r) === 'ClusterRoleBinding') {
      const subjects = r.object.subjects;
      if (Array.isArray(subjects)) for (const s of subjects) if (isObject(s) && s.kind === 'ServiceAccount' && (s.namespace === undefined || s.namespace === 'default')) s.namespace = namespace;
    }
    if (CLUSTER_SCOPED.has(kindOf(r))) continue;
    metadata(r).namespace = namespace;
    setOrigin(metadata(r), 'namespace', origin);
  }
}

export function addNameAffixes(resources: BuiltResource[], prefix: string, suffix: string, origin: SourceLine | undefined): void {
  for (const r of resources) {
    if (NOT_RENAMED.has(kindOf(r))) continue;
    metadata(r).name = `${prefix}${nameOf(r)}${suffix}`;
    setOrigin(metadata(r), 'name', origin);
  }
}

export function addLabels(resources: BuiltResource[], entry: LabelEntry, origin: SourceLine | undefined): void {
  const specs = [...METADATA_LABELS, ...(entry.includeSelectors ? SELECTOR_LABELS : []), ...(entry.includeTemplates ? TEMPLATE_LABELS : [])];
  for (const r of resources) setPairs(r, specs, entry.pairs, origin);
}

export function addAnnotations(resources: BuiltResource[], annotations: Record<string, string>, origin: SourceLine | undefined): void {
  for (const r of resources) setPairs(r, ANNOTATIONS, annotations, origin);
}

/** Kustomize's image.IsImageMatched: the name, then an optional tag and an optional digest. */
function imageMatches(image: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}(:[a-zA-Z0-9_.{}-]*)?(@[a-zA-Z0-9]+([.+_-][a-zA-Z0-9]+)*:[a-zA-Z0-9_.{}-]*)?$`).test(image);
}

/** Kustomize's image.Split: name, tag and digest (a registry's port is not a tag). */
function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = Math.max(image.indexOf('/'), 0);
  const search = image.slice(slash);
  const at = search.indexOf('@');
  const colon = search.indexOf(':');
  if (at < 0 && colon < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) return { name: image.slice(0, slash + at), tag: '', digest: image.slice(slash + at + 1) };
  if (at >= 0) return { name: image.slice(0, slash + colon), tag: image.slice(slash + colon + 1, slash + at), digest: image.slice(slash + at + 1) };
  return { name: image.slice(0, slash + colon), tag: image.slice(slash + colon + 1), digest: '' };
}

export function setImages(resources: BuiltResource[], images: ImageEntry[], origin: SourceLine | undefined): void {
  for (const r of resources) {
    for (const spec of IMAGES) {
      for (const { parent, key } of containersAt(r.object, spec.path, false, origin)) {
        const value = parent[key];
        if (typeof value !== 'string') continue;
        const image = images.find((i) => imageMatches(value, i.name));
        if (!image) continue;
        let { name, tag, digest } = splitImage(value);
        if (image.newName) name = image.newName;
        if (image.newTag && image.digest) [tag, digest] = [image.newTag, image.digest];
        else if (image.newTag) [tag, digest] = [image.newTag, ''];
        else if (image.digest) [tag, digest] = ['', image.digest];
        parent[key] = `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
        setOrigin(parent, key, origin);
      }
    }
  }
}

/**
 * Name references: a pod spec naming a ConfigMap, Secret, ServiceAccount,
 * PersistentVolumeClaim or PriorityClass of the build by a name it had follows
 * the object's final name (Kustomize's nameReference transformer).
 */
export function fixNameReferences(resources: BuiltResource[]): void {
  for (const [kind, paths] of Object.entries(NAME_REFERENCES)) {
    const renamed = new Map<string, string>();
    for (const r of resources) {
      if (kindOf(r) !== kind) continue;
      for (const previous of r.previousNames) if (previous !== nameOf(r)) renamed.set(previous, nameOf(r));
    }
    if (renamed.size === 0) continue;
    for (const r of resources) {
      if (kind === 'ServiceAccount' && (kindOf(r) === 'RoleBinding' || kindOf(r) === 'ClusterRoleBinding') && Array.isArray(r.object.subjects)) {
        // a binding's ServiceAccount subjects follow the account's name too
        for (const s of r.object.subjects) if (isObject(s) && s.kind === 'ServiceAccount' && typeof s.name === 'string' && renamed.has(s.name)) s.name = renamed.get(s.name) ?? s.name;
      }
      const podSpec = POD_SPEC_PATHS[kindOf(r)];
      if (!podSpec) continue;
      for (const path of paths) {
        for (const { parent, key } of containersAt(r.object, `${podSpec}/${path}`, false, undefined)) {
          const value: Json | undefined = parent[key];
          if (typeof value === 'string' && renamed.has(value)) parent[key] = renamed.get(value) ?? value;
        }
      }
    }
  }
}
