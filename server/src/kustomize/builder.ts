/**
 * The built-in Kustomize engine: builds a kustomization folder into
 * manifests, pure (files come through a FileReader), with a line map from
 * every printed line to the base or patch line that wrote it.
 *
 * Supported: resources (files, and folders holding a kustomization, built
 * recursively), components, configMapGenerator and secretGenerator (with
 * generatorOptions and the content-hash suffix), patchesStrategicMerge, patches (strategic-merge
 * or JSON 6902, from a file or inline, with or without a target),
 * patchesJson6902, namespace, namePrefix/nameSuffix (with the name
 * references that follow), commonLabels and labels, commonAnnotations,
 * images. In Kustomize's order: strategic-merge patches, patches, namespace,
 * prefix, suffix, labels, annotations, JSON 6902 patches, images. Anything
 * else (generator plugins, helmCharts, remote bases, replacements, …) is named in
 * the warnings: `kubectl kustomize` builds those.
 */
import { join, relative, resolve } from 'node:path';
import type { ApiModel } from '../languageService/apiModel';
import type { RenderResult, RenderedDocument, SourceLine } from '../render/types';
import { RenderError } from '../render/types';
import type { FileReader } from './discovery';
import { kustomizationIn, looksLikeJsonPatch } from './discovery';
import { addHashSuffixes, runGenerators } from './generators';
import { applyJsonPatch } from './jsonPatch';
import type { Kustomization, PatchEntry } from './kustomization';
import { DELETE, applyStrategicMerge } from './strategicMerge';
import { selectByPatch, selectTargets } from './targets';
import type { BuiltResource } from './transformers';
import { addAnnotations, addLabels, addNameAffixes, fixNameReferences, kindOf, nameOf, namespaceOf, setImages, setNamespace } from './transformers';
import type { Json, JsonObject } from './tree';
import type { ParsedObject } from './tree';
import { cloneTree, isObject, lineMapOf, originOf, parseTrees, printTree, relocateOrigins } from './tree';

export interface BuildOptions {
  model: ApiModel;
  read: FileReader;
  /**
   * Parsed files kept between builds by the caller (the language server
   * rebuilds an overlay on every edit of one of its files): a file whose text
   * did not change is not parsed again.
   */
  cache?: ParseCache;
}

/** Parsed YAML files by path, with the text they were parsed from. */
export type ParseCache = Map<string, { text: string; trees: ParsedObject[] }>;

/** A build: the rendered documents and the resources they were printed from. */
export interface KustomizeBuild extends RenderResult {
  resources: BuiltResource[];
}

const MAX_DEPTH = 20;
const isRemote = (entry: string): boolean => /^(https?:\/\/|git@|ssh:\/\/|github\.com\/|gitlab\.com\/)/.test(entry) || /\?ref=|\.git(\/|$)/.test(entry);

interface State {
  options: BuildOptions;
  warnings: string[];
  /** Folders being built (a cycle is an error, as in Kustomize). */
  building: Set<string>;
}

/** Builds the kustomization in `folder` (absolute). Throws RenderError when it cannot. */
export function buildKustomization(folder: string, options: BuildOptions): KustomizeBuild {
  const state: State = { options, warnings: [], building: new Set() };
  const resources = accumulate(resolve(folder), state, 0, 'Kustomization');
  addHashSuffixes(resources);
  fixNameReferences(resources);
  const documents = resources.map(renderedDocument);
  return { documents, engine: 'builtin', warnings: [...new Set(state.warnings)], resources };
}

/** A built resource as a rendered document; its text and line map are made when first read (placement reads only the DaemonSets'). */
function renderedDocument(r: BuiltResource): RenderedDocument {
  let text: string | undefined;
  let lineMap: RenderedDocument['lineMap'] | undefined;
  return {
    get text() {
      return (text ??= printTree(r.object));
    },
    get lineMap() {
      return (lineMap ??= lineMapOf(this.text, r.object));
    },
    origin: r.origin,
    kind: kindOf(r),
  };
}

function read(state: State, path: string): string | undefined {
  return state.options.read(path);
}

function accumulate(folder: string, state: State, depth: number, expected: 'Kustomization' | 'Component', into: BuiltResource[] = []): BuiltResource[] {
  if (depth > MAX_DEPTH) throw new RenderError(`kustomizations nested deeper than ${MAX_DEPTH} levels at ${folder}: flatten the chain of bases`);
  if (state.building.has(folder)) throw new RenderError(`cycle: ${folder} includes itself; remove the entry that leads back to it`);
  const found = kustomizationIn(folder, (p) => read(state, p));
  if (!found) throw new RenderError(`no kustomization.yaml, kustomization.yml or Kustomization in ${folder}: add one, or point at a folder that has one`);
  if ('error' in found) throw new RenderError(`${found.path}: ${found.error}`, { file: found.path, line: 0 });
  const { kustomization, path } = found;
  if (expected === 'Component' && kustomization.kind !== 'Component') throw new RenderError(`${path}: a component must say kind: Component; add it`, { file: path, line: 0 });
  if (expected === 'Kustomization' && kustomization.kind === 'Component') throw new RenderError(`${path}: a Component is used under components:, not built or listed under resources; move it there`, { file: path, line: 0 });
  state.building.add(folder);
  try {
    const text = read(state, path) ?? '';
    const fields = fieldLines(path, text);
    for (const field of kustomization.unsupported) state.warnings.push(`${relativeTo(path)}: \`${field}\` is not built by the built-in engine; use kubectl kustomize for an exact build (daemonsetTools.kustomize.engine, --engine kubectl)`);
    // a component works on the resources accumulated so far; a kustomization starts its own list
    const resources = expected === 'Component' ? into : [];
    kustomization.resources.forEach((entry, i) => addResource(folder, entry, state, depth, resources, fields('resources', i)));
    for (const entry of kustomization.components) {
      if (isRemote(entry)) {
        state.warnings.push(`${relativeTo(path)}: the remote component ${entry} is not fetched by the built-in engine; use kubectl kustomize for an exact build`);
        continue;
      }
      accumulate(resolve(folder, entry), state, depth + 1, 'Component', resources);
    }
    runGenerators(kustomization, path, resources, (p) => read(state, p), (entry) => fields(entry.field, entry.index), (warning) => state.warnings.push(`${relativeTo(path)}: ${warning}`));
    transform(folder, kustomization, resources, state, fields, text);
    return resources;
  } finally {
    state.building.delete(folder);
  }
}

/** Where a kustomization's field, an item of its list, or a key of that item (an inline patch's `patch`) is written. */
type FieldLines = (field: string, item?: number, key?: string) => SourceLine | undefined;

/** The line of each top-level field of a kustomization, or of an item of its list (the origin of what a transformer writes). */
function fieldLines(path: string, text: string): FieldLines {
  let root: Json = null;
  try {
    root = parseTrees(text, path)[0]?.value ?? null;
  } catch {
    root = null;
  }
  return (field, item, key) => {
    if (!isObject(root)) return undefined;
    const list = root[field];
    const entry = item !== undefined && Array.isArray(list) ? list[item] : undefined;
    const at = key !== undefined && isObject(entry) ? originOf(entry, key) : undefined;
    return at ?? (item !== undefined && Array.isArray(list) ? originOf(list, item) : undefined) ?? originOf(root, field);
  };
}

const relativeTo = (path: string): string => relative(process.cwd(), path) || path;

function addResource(folder: string, entry: string, state: State, depth: number, resources: BuiltResource[], at: SourceLine | undefined): void {
  if (isRemote(entry)) {
    state.warnings.push(`the remote resource ${entry} is not fetched by the built-in engine: its objects are missing from the build; use kubectl kustomize for an exact build`);
    return;
  }
  const path = resolve(folder, entry);
  const text = read(state, path);
  if (text !== undefined) {
    for (const { value, origin } of parseOrFail(text, path, state.options.cache)) {
      if (!isObject(value)) throw new RenderError(`${path}: a resource must be a mapping: write the object's fields as \`key: value\` lines`, origin);
      if (typeof value.kind === 'string' && /List$/.test(value.kind) && Array.isArray(value.items)) {
        // a List's items are resources of their own (as Kustomize reads them)
        value.items.forEach((item, i) => {
          if (isObject(item)) resources.push(resource(item, originOf(value.items as Json[], i) ?? origin));
        });
        continue;
      }
      resources.push(resource(value, origin));
    }
    return;
  }
  if (kustomizationIn(path, (p) => read(state, p))) {
    resources.push(...accumulate(path, state, depth + 1, 'Kustomization'));
    return;
  }
  throw new RenderError(`resource ${entry}: no such file, nor a folder with a kustomization (from ${folder}); correct the path, or remove the entry`, at);
}

/** The trees of a file (copies: the build changes them), from the cache when its text is unchanged. */
function parseOrFail(text: string, path: string, cache?: ParseCache): ParsedObject[] {
  const cached = cache?.get(path);
  let trees = cached?.text === text ? cached.trees : undefined;
  if (!trees) {
    try {
      trees = parseTrees(text, path);
    } catch (error) {
      throw new RenderError((error as Error).message, { file: path, line: 0 });
    }
    cache?.set(path, { text, trees });
  }
  return trees.map(({ value, origin }) => ({ value: cloneTree(value), origin }));
}

function resource(object: JsonObject, origin: SourceLine): BuiltResource {
  const meta = isObject(object.metadata) ? object.metadata : {};
  return { object, origin, previousNames: typeof meta.name === 'string' ? [meta.name] : [] };
}

function transform(folder: string, k: Kustomization, resources: BuiltResource[], state: State, fields: FieldLines, kustomizationText: string): void {
  const patches = (field: PatchEntry['field']) => k.patches.filter((p) => p.field === field);
  const inline = (entry: PatchEntry) => inlineLines(fields(entry.field, entry.index, 'patch'), kustomizationText);
  for (const entry of [...patches('patchesStrategicMerge'), ...patches('patches')]) applyPatch(folder, entry, resources, state, inline(entry));
  if (k.namespace) setNamespace(resources, k.namespace, fields('namespace'));
  if (k.namePrefix || k.nameSuffix) {
    for (const r of resources) if (!r.previousNames.includes(nameOf(r))) r.previousNames.push(nameOf(r));
    addNameAffixes(resources, k.namePrefix ?? '', k.nameSuffix ?? '', fields(k.namePrefix ? 'namePrefix' : 'nameSuffix'));
  }
  for (const entry of k.labels) addLabels(resources, entry, fields(entry.includeSelectors && entry.includeTemplates ? 'commonLabels' : 'labels') ?? fields('labels'));
  if (Object.keys(k.commonAnnotations).length) addAnnotations(resources, k.commonAnnotations, fields('commonAnnotations'));
  for (const entry of patches('patchesJson6902')) applyPatch(folder, entry, resources, state, inline(entry));
  if (k.images.length) setImages(resources, k.images, fields('images'));
}

/**
 * Where the lines of an inline patch are in the kustomization: a literal
 * block (`patch: |-`) keeps its lines, starting on the line after its header;
 * any other scalar is shown on the entry's line.
 */
function inlineLines(header: SourceLine | undefined, kustomizationText: string): ((line: number) => SourceLine) | undefined {
  if (!header) return undefined;
  const headerText = kustomizationText.split('\n')[header.line] ?? '';
  const literalBlock = /\|[-+0-9]*\s*(#.*)?\r?$/.test(headerText);
  return (line) => ({ file: header.file, line: literalBlock ? header.line + 1 + line : header.line });
}

function applyPatch(folder: string, entry: PatchEntry, resources: BuiltResource[], state: State, inline: ((line: number) => SourceLine) | undefined): void {
  const file = entry.path !== undefined ? resolve(folder, entry.path) : (inline?.(0).file ?? join(folder, 'kustomization.yaml'));
  const text = entry.path !== undefined ? read(state, file) : entry.patch;
  if (text === undefined) throw new RenderError(`patch ${entry.path ?? '(inline)'}: no such file (from ${folder}); correct the path, or remove the entry`);
  const trees = parseOrFail(text, entry.path !== undefined ? file : `${file}#inline`, state.options.cache);
  if (entry.path === undefined && inline) {
    // an inline patch's values are shown on the kustomization's lines that hold them
    for (const tree of trees) {
      relocateOrigins(tree.value, (origin) => inline(origin.line));
      tree.origin = inline(tree.origin.line);
    }
  }
  const json = entry.field === 'patchesJson6902' || (entry.field === 'patches' && looksLikeJsonPatch(text));
  if (json) {
    if (!entry.target) throw new RenderError(`${relativeTo(file)}: a JSON 6902 patch needs a target; add target: {kind, name} to the patch entry`, { file, line: 0 });
    const ops = trees[0]?.value;
    if (!Array.isArray(ops)) throw new RenderError(`${relativeTo(file)}: a JSON 6902 patch is a list of operations; write each as \`- op: …\``, { file, line: 0 });
    for (const target of selectTargets(resources, entry.target)) applyJsonPatch(target.object, ops, file);
    return;
  }
  for (const { value: patch, origin } of trees) {
    if (!isObject(patch)) throw new RenderError(`${relativeTo(file)}: a strategic-merge patch must be a mapping; write the object's fields as \`key: value\` lines`, origin);
    // Kustomize reads a patch as a resource: without a kind and a name it cannot (even when a target selects)
    const named = isObject(patch.metadata) && typeof patch.metadata.name === 'string' && patch.metadata.name !== '';
    if (typeof patch.kind !== 'string' || patch.kind === '' || !named) throw new RenderError(`${relativeTo(file)}: a strategic-merge patch needs a kind and a metadata.name, which Kustomize reads even when a target selects; add them`, origin);
    const targets = entry.target ? selectTargets(resources, entry.target) : selectByPatch(resources, patch);
    if (targets.length === 0 && !entry.target) {
      const meta = isObject(patch.metadata) ? patch.metadata : {};
      throw new RenderError(`${relativeTo(file)}: no resource matches the patch (${JSON.stringify(patch.kind)} ${JSON.stringify(meta.name)}); correct its kind and metadata.name to those of a resource`, origin);
    }
    for (const target of targets) {
      const copy = cloneTree(patch);
      keepIdentity(copy, target, entry.options);
      const { result, copiedDirectives } = applyStrategicMerge(target.object, copy, state.options.model);
      for (const d of copiedDirectives) state.warnings.push(`${relativeTo(file)}: Kustomize does not apply the \`${d}\` directive of a strategic-merge patch: it copies it into the output, where the API server rejects it; remove the directive`);
      if (result === DELETE) resources.splice(resources.indexOf(target), 1);
    }
  }
}

/**
 * A strategic-merge patch selects its target by kind and name (a name the
 * target had before a prefix, too) but does not rename it: Kustomize's
 * Resource.ApplySmPatch puts the target's kind, name and namespace back after
 * the merge, unless the entry's options allow a name or kind change. The
 * patch copy gets the target's values before the merge (same result, and the
 * base keeps its lines).
 */
function keepIdentity(patch: JsonObject, target: BuiltResource, options: PatchEntry['options']): void {
  if (!options?.allowKindChange && 'kind' in patch) patch.kind = kindOf(target);
  if (!isObject(patch.metadata)) return;
  if (!options?.allowNameChange && 'name' in patch.metadata) patch.metadata.name = nameOf(target);
  const namespace = namespaceOf(target);
  if (namespace !== undefined) patch.metadata.namespace = namespace;
  else delete patch.metadata.namespace;
}
