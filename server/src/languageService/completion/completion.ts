/**
 * Completion inside DaemonSet documents: keys valid at the cursor from the API
 * model (minus present ones, required first) and values (enums, booleans,
 * well-known labels and taints, priority classes, volume names, selector and
 * template labels). A new empty document gets `apiVersion`/`kind`.
 */
import { isMap, isPair, isSeq } from 'yaml';
import type { ApiField, ApiModel, ApiType } from '../apiModel';
import { isRequired, objectAt, typeAt, typeLabel } from '../apiModel';
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
}

export interface CompletionOptions {
  /** PriorityClass names defined in open documents or the workspace. */
  priorityClasses?: Iterable<string>;
  /** Extra values for a context (e.g. label keys of the active cluster profile). */
  extraValues?: (context: CursorContext) => CompletionEntry[];
}

/** First sentence of a description, for one-line documentation. */
function oneLine(text: string): string {
  const first = /^[\s\S]*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  return first.length > 160 ? `${first.slice(0, 157)}…` : first;
}

function entry(context: CursorContext, label: string, kind: CompletionKind, insertText: string, extra: Partial<CompletionEntry> = {}): CompletionEntry {
  return { label, kind, insertText, isSnippet: false, start: context.start, end: context.end, sortText: `1${label}`, ...extra };
}

/** The text a key completion inserts: `key: ` for scalars, a new indented line for objects and lists. */
function keyInsertText(field: ApiField, context: CursorContext): { text: string; snippet: boolean } {
  const child = ' '.repeat(context.keyColumn + context.indentUnit);
  const type = field.type;
  switch (type.kind) {
    case 'object':
    case 'map':
      return { text: `${field.name}:\n${child}`, snippet: false };
    case 'array':
      return { text: `${field.name}:\n${child}- `, snippet: false };
    case 'boolean':
      return { text: `${field.name}: \${1|true,false|}`, snippet: true };
    case 'string':
      if (type.enum?.length) return { text: `${field.name}: \${1|${type.enum.join(',')}|}`, snippet: true };
      return { text: `${field.name}: `, snippet: false };
    default:
      return { text: `${field.name}: `, snippet: false };
  }
}

function keyEntries(model: ApiModel, context: CursorContext): CompletionEntry[] {
  const object = objectAt(model, context.path, model.roots[context.document.kind ?? 'DaemonSet']);
  if (!object) return mapKeyEntries(context);
  return Object.values(object.fields)
    .filter((field) => !context.siblings.has(field.name) && field.name !== 'status')
    .map((field) => {
      const insert = keyInsertText(field, context);
      const required = isRequired(object, field);
      return entry(context, field.name, 'property', insert.text, {
        isSnippet: insert.snippet,
        detail: `${typeLabel(field.type)}${required ? ' · required' : ''}`,
        documentation: oneLine(field.description),
        sortText: `${required ? '0' : '1'}${field.name}`,
      });
    });
}

/** Keys of free maps that still have useful suggestions (nodeSelector, selector <-> template labels). */
function mapKeyEntries(context: CursorContext): CompletionEntry[] {
  const path = context.path.join('.');
  const { doc } = context.document;
  if (path === 'spec.template.spec.nodeSelector') {
    return Object.entries(WELL_KNOWN_LABELS)
      .filter(([key]) => !context.siblings.has(key))
      .map(([key, info]) => entry(context, key, 'property', info.values ? `${key}: \${1|${info.values.join(',')}|}` : `${key}: `, { isSnippet: !!info.values, detail: 'node label', documentation: info.description }));
  }
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

function fieldFor(model: ApiModel, context: CursorContext): { field?: ApiField; type?: ApiType } {
  const root = model.roots[context.document.kind ?? 'DaemonSet'];
  const key = context.path[context.path.length - 1];
  const parent = objectAt(model, context.path.slice(0, -1), root);
  const field = typeof key === 'string' ? parent?.fields[key] : undefined;
  return { field, type: field?.type ?? typeAt(model, context.path, root) };
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

function valueEntries(model: ApiModel, context: CursorContext, options: CompletionOptions): CompletionEntry[] {
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
  if (/tolerations\[\]\.key$/.test(path)) {
    return Object.entries(WELL_KNOWN_TAINTS).map(([name, info]) => entry(context, name, 'value', name, { detail: `taint${info.effect ? ` · usually ${info.effect}` : ''}`, documentation: info.description }));
  }
  if (/(matchExpressions|preference\.matchExpressions)\[\]\.key$/.test(path)) {
    return Object.entries(WELL_KNOWN_LABELS).map(([name, info]) => entry(context, name, 'value', name, { detail: 'node label', documentation: info.description }));
  }
  if (path.startsWith('spec.template.spec.nodeSelector.')) {
    const values = WELL_KNOWN_LABELS[String(key)]?.values ?? [];
    return values.map((value) => entry(context, value, 'value', value, { detail: `${String(key)} value` }));
  }
  const { field, type } = fieldFor(model, context);
  if (type?.kind === 'boolean') return ['true', 'false'].map((v) => entry(context, v, 'value', v, { detail: 'boolean' }));
  if (type?.kind === 'string' && type.enum) {
    return type.enum.map((value) => entry(context, value, 'enum', value, { detail: field ? `${field.name}` : 'value', documentation: field?.enumDescriptions?.[value] ? oneLine(field.enumDescriptions[value]) : undefined }));
  }
  return [];
}

/** Completion entries at a file offset (empty where nothing fits). */
export function complete(file: YamlFile, offset: number, model: ApiModel, options: CompletionOptions = {}): CompletionEntry[] {
  const context = cursorContext(file, offset);
  if (!context) return [];
  if (context.emptyDocument && context.kind === 'key' && context.path.length === 0) {
    return [
      entry(context, 'apiVersion: apps/v1', 'property', 'apiVersion: apps/v1\n', { sortText: '0a', detail: 'DaemonSet API version' }),
      entry(context, 'kind: DaemonSet', 'property', 'kind: DaemonSet\n', { sortText: '0b', detail: 'start a DaemonSet document' }),
    ];
  }
  if (context.document.kind !== 'DaemonSet') return [];
  const extra = options.extraValues?.(context) ?? [];
  const entries = context.kind === 'key' ? keyEntries(model, context) : valueEntries(model, context, options);
  // The editor filters by the typed word itself (fuzzy), so every entry is
  // returned; what the profile knows replaces the generic entry of the same label.
  const known = new Set(extra.map((e) => e.label));
  return [...extra, ...entries.filter((e) => !known.has(e.label))];
}

export type { CursorContext, Segment };
