/**
 * Completion inside DaemonSet documents (and cluster profiles, see
 * apiModel/documentRoot.ts): keys valid at the cursor from the API
 * model (minus present ones, required first) and values (enums, booleans,
 * well-known labels and taints, priority classes, volume names, selector and
 * template labels). A new empty document gets `apiVersion`/`kind`.
 */
import { isMap, isPair, isSeq } from 'yaml';
import type { ApiField, ApiModel, ApiType } from '../apiModel';
import { compareVersions, gateOffIn, gateWarning, isRequired, objectAt, resolveTargetVersion, supportedVersions, typeAt, typeLabel, versionGap } from '../apiModel';
import type { RootedPath } from '../apiModel/documentRoot';
import { objectAtPath, rootedPath } from '../apiModel/documentRoot';
import { getIn, stringValue } from '../diagnostics/yamlAst';
import type { YamlFile } from '../yamlModel';
import { keyName } from '../yamlModel';
import type { CursorContext, Segment } from './cursorContext';
import { cursorContext } from './cursorContext';
import { BUILT_IN_PRIORITY_CLASSES, WELL_KNOWN_LABELS, WELL_KNOWN_TAINTS } from './wellKnown';

export type CompletionKind = 'property' | 'value' | 'enum' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  insertText: string;
  /** insertText uses snippet syntax (`${1|a,b|}`). */
  isSnippet: boolean;
  /** File range the entry replaces. */
  start: number;
  end: number;
  sortText: string;
  /** A field the target Kubernetes version lacks (offered, marked in `detail`, sorted last). */
  notInTarget?: boolean;
}

export interface CompletionOptions {
  /** PriorityClass names defined in open documents or the workspace. */
  priorityClasses?: Iterable<string>;
  /** Extra values for a context (e.g. label keys of the active cluster profile). */
  extraValues?: (context: CursorContext) => CompletionEntry[];
  /** The target Kubernetes version: fields it lacks are still offered, marked and sorted last. */
  kubernetesVersion?: string;
}

/** First sentence of a description, for one-line documentation. */
function oneLine(text: string): string {
  const first = /^[\s\S]*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  return first.length > 160 ? `${first.slice(0, 157)}…` : first;
}

function entry(context: CursorContext, label: string, kind: CompletionKind, insertText: string, extra: Partial<CompletionEntry> = {}): CompletionEntry {
  return { label, kind, insertText, isSnippet: false, start: context.start, end: context.end, sortText: `1${label}`, ...extra };
}

/** The text a key completion inserts: `key: ` for scalars, a new indented line for objects and lists (`{}` / `[]` inside flow style). */
function keyInsertText(field: ApiField, context: CursorContext): { text: string; snippet: boolean } {
  const child = ' '.repeat(context.keyColumn + context.indentUnit);
  const type = field.type;
  if (context.flow && (type.kind === 'object' || type.kind === 'map')) return { text: `${field.name}: {$1}`, snippet: true };
  if (context.flow && type.kind === 'array') return { text: `${field.name}: [$1]`, snippet: true };
  switch (type.kind) {
    case 'object':
    case 'map':
      return { text: `${field.name}:\n${child}`, snippet: false };
    case 'array':
      return { text: `${field.name}:\n${child}- `, snippet: false };
    case 'boolean':
      return { text: `${field.name}: \${1|true,false|}`, snippet: true };
    case 'string':
      if (type.enum?.length) return { text: `${field.name}: \${1|${type.enum.map(enumText).join(',')}|}`, snippet: true };
      return { text: `${field.name}: `, snippet: false };
    default:
      return { text: `${field.name}: `, snippet: false };
  }
}

function keyEntries(model: ApiModel, context: CursorContext, rooted: RootedPath, options: CompletionOptions): CompletionEntry[] {
  const object = objectAt(model, rooted.path, rooted.root);
  const target = resolveTargetVersion(model, options.kubernetesVersion).version;
  if (!object) return rooted.kind === 'DaemonSet' ? mapKeyEntries(context) : rooted.kind === 'ClusterProfile' && rooted.path[rooted.path.length - 1] === 'labels' ? labelKeyEntries(context) : [];
  return Object.values(object.fields)
    // status is the controller's to write, except in a captured Node, where it is the profile's allocatable room.
    .filter((field) => !context.siblings.has(field.name) && (field.name !== 'status' || rooted.kind === 'Node'))
    .map((field) => {
      const insert = keyInsertText(field, context);
      const required = isRequired(object, field);
      // Offered all the same (the user may be about to raise the target), but marked and last.
      const gap = rooted.kind === 'ClusterProfile' ? undefined : versionGap(field, target);
      const newer = field.since !== undefined && compareVersions(target, field.since) < 0;
      const version = gap === undefined ? '' : newer ? ` · Kubernetes ${field.since}+ (target ${target})` : ` · removed after Kubernetes ${field.until} (target ${target})`;
      // a field whose feature gate is off by default there: the API server drops it (feature-gate-off), so marked and last too
      const gate = rooted.kind === 'ClusterProfile' ? undefined : gateOffIn(field, target);
      const gated = gate ? ` · ${gate.stage}: feature gate ${gate.name} off by default` : '';
      const warning = gap ?? (gate && gateWarning(field, target, supportedVersions(model)));
      return entry(context, field.name, 'property', insert.text, {
        isSnippet: insert.snippet,
        detail: `${typeLabel(field.type)}${required ? ' · required' : ''}${version}${gated}`,
        documentation: warning === undefined ? oneLine(field.description) : `${warning}. ${oneLine(field.description)}`,
        sortText: `${warning !== undefined ? '2' : required ? '0' : '1'}${field.name}`,
        ...(gap === undefined ? {} : { notInTarget: true }),
      });
    });
}

/** Well-known node label keys (a nodeSelector, a profile node's labels), with their usual values as choices. */
function labelKeyEntries(context: CursorContext): CompletionEntry[] {
  return Object.entries(WELL_KNOWN_LABELS)
    .filter(([key]) => !context.siblings.has(key))
    .map(([key, info]) => entry(context, key, 'property', info.values ? `${key}: \${1|${info.values.join(',')}|}` : `${key}: `, { isSnippet: !!info.values, detail: 'node label', documentation: info.description }));
}

function taintKeyEntries(context: CursorContext): CompletionEntry[] {
  return Object.entries(WELL_KNOWN_TAINTS).map(([name, info]) => entry(context, name, 'value', name, { detail: `taint${info.effect ? ` · usually ${info.effect}` : ''}`, documentation: info.description }));
}

/** Keys of free maps that still have useful suggestions (nodeSelector, selector <-> template labels). */
function mapKeyEntries(context: CursorContext): CompletionEntry[] {
  const path = context.path.join('.');
  const { doc } = context.document;
  if (path === 'spec.template.spec.nodeSelector') return labelKeyEntries(context);
  const mirror = path === 'spec.selector.matchLabels' ? ['spec', 'template', 'metadata', 'labels'] : path === 'spec.template.metadata.labels' ? ['spec', 'selector', 'matchLabels'] : undefined;
  if (mirror) {
    const source = getIn(doc, doc.contents, ...mirror);
    if (!isMap(source)) return [];
    return source.items.flatMap((pair) => {
      const key = isPair(pair) ? keyName(pair) : undefined;
      if (key === undefined || context.siblings.has(key)) return [];
      const value = stringValue(pair.value) ?? '';
      return [entry(context, `${key}: ${value}`, 'value', `${key}: ${value}`, { detail: mirror[1] === 'template' ? 'template label' : 'selector label', sortText: `0${key}`, documentation: 'The selector must match the pod template\'s labels.' })];
    });
  }
  return [];
}

function fieldFor(model: ApiModel, { root, path }: RootedPath): { field?: ApiField; type?: ApiType } {
  const key = path[path.length - 1];
  const parent = objectAt(model, path.slice(0, -1), root);
  const field = typeof key === 'string' ? parent?.fields[key] : undefined;
  return { field, type: field?.type ?? typeAt(model, path, root) };
}

function podVolumeNames(context: CursorContext): string[] {
  const { doc } = context.document;
  const volumes = getIn(doc, doc.contents, 'spec', 'template', 'spec', 'volumes');
  if (!isSeq(volumes)) return [];
  return volumes.items.flatMap((item) => {
    const name = stringValue(getIn(doc, item, 'name'));
    return name ? [name] : [];
  });
}

function valueEntries(model: ApiModel, context: CursorContext, options: CompletionOptions, rooted: RootedPath): CompletionEntry[] {
  const special = rooted.kind === 'DaemonSet' ? daemonSetValueEntries(context, options) : rooted.kind === 'ClusterProfile' && /^(nodes|nodePools)\.\d+\.taints\.\d+\.key$/.test(rooted.path.join('.')) ? taintKeyEntries(context) : undefined;
  return special ?? modelValueEntries(model, context, rooted);
}

/**
 * How an enum value is written: as itself, except the empty string some enums
 * list (hostPath `type: ""`), which YAML must quote (a bare empty value is null)
 * and which a completion item cannot show as an empty label.
 */
function enumText(value: string): string {
  return value === '' ? '""' : value;
}

/** Values the model knows: booleans and enums, for any kind. */
function modelValueEntries(model: ApiModel, context: CursorContext, rooted: RootedPath): CompletionEntry[] {
  const { field, type } = fieldFor(model, rooted);
  if (type?.kind === 'boolean') return ['true', 'false'].map((v) => entry(context, v, 'value', v, { detail: 'boolean' }));
  if (type?.kind === 'string' && type.enum) {
    return type.enum.map((value) => entry(context, enumText(value), 'enum', enumText(value), { detail: field ? `${field.name}` : 'value', documentation: field?.enumDescriptions?.[value] ? oneLine(field.enumDescriptions[value]) : undefined }));
  }
  return [];
}

/** Values a DaemonSet author needs that no enum lists: its apiVersion and kind, priority classes, volumes, well-known labels and taints. */
function daemonSetValueEntries(context: CursorContext, options: CompletionOptions): CompletionEntry[] | undefined {
  const path = context.path.map((s) => (typeof s === 'number' ? '[]' : s)).join('.').replace(/\.\[\]/g, '[]');
  const key = context.path[context.path.length - 1];
  if (context.path.length === 1 && key === 'apiVersion') return [entry(context, 'apps/v1', 'value', 'apps/v1')];
  if (context.path.length === 1 && key === 'kind') return [entry(context, 'DaemonSet', 'value', 'DaemonSet')];
  if (path === 'spec.template.spec.priorityClassName') {
    const names = new Map(Object.entries(BUILT_IN_PRIORITY_CLASSES));
    for (const name of options.priorityClasses ?? []) if (!names.has(name)) names.set(name, 'PriorityClass defined in the workspace.');
    return [...names].map(([name, description]) => entry(context, name, 'value', name, { detail: 'PriorityClass', documentation: description }));
  }
  if (/volumeMounts\[\]\.name$/.test(path)) {
    return podVolumeNames(context).map((name) => entry(context, name, 'value', name, { detail: 'pod volume', sortText: `0${name}` }));
  }
  if (/tolerations\[\]\.key$/.test(path)) return taintKeyEntries(context);
  if (/(matchExpressions|preference\.matchExpressions)\[\]\.key$/.test(path)) {
    return Object.entries(WELL_KNOWN_LABELS).map(([name, info]) => entry(context, name, 'value', name, { detail: 'node label', documentation: info.description }));
  }
  if (path.startsWith('spec.template.spec.nodeSelector.')) {
    const values = WELL_KNOWN_LABELS[String(key)]?.values ?? [];
    return values.map((value) => entry(context, value, 'value', value, { detail: `${String(key)} value` }));
  }
  return undefined;
}

/** Completion entries at a file offset (empty where nothing fits). */
export function complete(file: YamlFile, offset: number, model: ApiModel, options: CompletionOptions = {}): CompletionEntry[] {
  const cursor = cursorContext(file, offset);
  if (!cursor) return [];
  // Inside a list item, complete as in a document of the item's own.
  const context = { ...cursor, ...objectAtPath(model, cursor.document, cursor.path) };
  if (context.emptyDocument && context.kind === 'key' && context.path.length === 0) {
    return [
      entry(context, 'apiVersion: apps/v1', 'property', 'apiVersion: apps/v1\n', { sortText: '0a', detail: 'DaemonSet API version' }),
      entry(context, 'kind: DaemonSet', 'property', 'kind: DaemonSet\n', { sortText: '0b', detail: 'start a DaemonSet document' }),
    ];
  }
  const rooted = rootedPath(model, context.document, context.path);
  if (!rooted) return [];
  const extra = options.extraValues?.(context) ?? [];
  const entries = context.kind === 'key' ? keyEntries(model, context, rooted, options) : valueEntries(model, context, options, rooted);
  // The editor filters by the typed word itself (fuzzy), so every entry is
  // returned; what the profile knows replaces the generic entry of the same label.
  const known = new Set(extra.map((e) => e.label));
  return [...extra, ...entries.filter((e) => !known.has(e.label))];
}

export type { CursorContext, Segment };
