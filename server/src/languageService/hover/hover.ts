/**
 * Hover docs for DaemonSet and PriorityClass documents (and cluster profiles,
 * see apiModel/documentRoot.ts): on a key, the field's
 * path, type, required/optional, enum values, default, upstream description,
 * the Kubernetes version and a link to the API reference; on an enum value,
 * what the value means; plus DaemonSet notes in our own words.
 */
import type { ApiField, ApiModel, ApiType } from '../apiModel';
import { availability, gateOffIn, gateSummary, objectAt, resolveTargetVersion, typeLabel, versionGap } from '../apiModel';
import { objectAtPath, rootedPath } from '../apiModel/documentRoot';
import type { YamlFile } from '../yamlModel';
import { documentAt, formatPath, pathAt } from '../yamlModel';
import { DAEMONSET_NOTES, MISSING_FIELD_NOTES, notePath } from './daemonSetNotes';
import { VALUE_NOTES } from './valueNotes';
import { dictionary, own } from '../../common/dictionary';

export interface HoverResult {
  markdown: string;
  /** File offsets of the hovered text. */
  start: number;
  end: number;
}

const REFERENCE_PAGES: Record<string, string> = dictionary({
  DaemonSet: 'workload-resources/daemon-set-v1/',
  PriorityClass: 'policy-resources/priority-class-v1/',
  Node: 'cluster-resources/node-v1/',
  Pod: 'workload-resources/pod-v1/',
});

/** Link to the kubernetes.io API reference page of a kind. */
export function apiReferenceUrl(kind: string): string {
  return `https://kubernetes.io/docs/reference/kubernetes-api/${REFERENCE_PAGES[kind] ?? ''}`;
}

function footer(kind: string, target: string): string {
  if (kind === 'ClusterProfile') return 'DaemonSet Tools cluster profile: the nodes the placement preview simulates';
  return `Kubernetes ${target} · [${kind} API reference](${apiReferenceUrl(kind)})`;
}

/** "Since Kubernetes 1.34", and whether the target version lacks the field. */
function versionLine(field: ApiField, target: string): string | undefined {
  const since = availability(field);
  if (since === undefined) return undefined;
  const gap = versionGap(field, target);
  return `${since[0].toUpperCase()}${since.slice(1)}${gap === undefined ? '' : ` · **not in the target version ${target}**`}`;
}

/** The feature gate, and whether it is off by default in the target version. */
function gateLine(field: ApiField, target: string): string | undefined {
  const summary = gateSummary(field);
  if (summary === undefined) return undefined;
  return `${summary}${gateOffIn(field, target) ? ` · **off by default in the target version ${target}**` : ''}`;
}

function enumOf(type: ApiType | undefined): string[] | undefined {
  if (!type) return undefined;
  if (type.kind === 'string') return type.enum;
  if (type.kind === 'array') return enumOf(type.items);
  return undefined;
}

function fieldMarkdown(model: ApiModel, kind: string, path: (string | number)[], field: ApiField, target: string): string {
  const parts = [`**${formatPath(path)}** · \`${typeLabel(field.type)}\` · ${field.required ? 'required' : 'optional'}`];
  const version = kind === 'ClusterProfile' ? undefined : versionLine(field, target);
  if (version) parts.push(version);
  const gate = kind === 'ClusterProfile' ? undefined : gateLine(field, target);
  if (gate) parts.push(gate);
  if (field.description) parts.push(field.description);
  const values = enumOf(field.type);
  if (values?.length) parts.push(`Allowed values: ${values.map((v) => `\`${v}\``).join(', ')}`);
  if (field.default !== undefined) parts.push(`Default: ${field.default}`);
  const note = kind === 'DaemonSet' ? DAEMONSET_NOTES[notePath(path)] : undefined;
  if (note) parts.push(`**DaemonSet:** ${note}`);
  parts.push(footer(kind, target));
  return parts.join('\n\n');
}

/** Meaning of an enum value: the upstream per-value text, else our own. */
export function enumValueDescription(model: ApiModel, parentRef: string | undefined, field: ApiField, value: string): string | undefined {
  return own(field.enumDescriptions, value) ?? (parentRef ? own(VALUE_NOTES[`${parentRef}.${field.name}`], value) : undefined);
}

/**
 * Hover at a file offset, or undefined where there is nothing to say.
 * `kubernetesVersion` is the target version (default: the newest supported).
 */
export function hover(file: YamlFile, offset: number, model: ApiModel, kubernetesVersion?: string): HoverResult | undefined {
  const target = resolveTargetVersion(model, kubernetesVersion).version;
  const fileDocument = documentAt(file, offset);
  if (!fileDocument) return undefined;
  const found = pathAt(fileDocument, offset);
  if (!found || found.path.length === 0) return undefined;
  // Inside a list item, hover as in a document of the item's own.
  const { document, path: hitPath } = objectAtPath(model, fileDocument, found.path);
  const hit = { ...found, path: hitPath };
  if (hit.path.length === 0) return undefined;
  const fullPath = hit.onKey ? hit.path : trimToField(hit.path);
  const rooted = rootedPath(model, document, fullPath);
  if (!rooted) return undefined;
  const { kind, root, path: fieldPath } = rooted;
  const last = fieldPath[fieldPath.length - 1];
  if (typeof last !== 'string') return undefined;
  const parent = objectAt(model, fieldPath.slice(0, -1), root);
  const field = parent?.fields[last];

  if (hit.onKey && hit.keyRange) {
    const [start, end] = hit.keyRange;
    if (field) return { markdown: fieldMarkdown(model, kind, hit.path, field, target), start, end };
    const missing = kind === 'DaemonSet' ? MISSING_FIELD_NOTES[notePath(hit.path)] : undefined;
    if (missing) return { markdown: `**${formatPath(hit.path)}**\n\n${missing}\n\n${footer(kind, target)}`, start, end };
    return undefined; // a free key (a label, a resource name) or an unknown field: nothing upstream to show
  }

  // On a value: explain enum values.
  const node = hit.node;
  if (!field || !node || !node.range) return undefined;
  const value = (node as { value?: unknown }).value;
  if (typeof value !== 'string' || !enumOf(field.type)?.includes(value)) return undefined;
  const meaning = enumValueDescription(model, parent?.name, field, value);
  const markdown = [`\`${value}\` · ${formatPath(fullPath)}`, meaning ?? '', footer(kind, target)].filter(Boolean).join('\n\n');
  return { markdown, start: document.start + node.range[0], end: document.start + node.range[1] };
}

/** For a value inside a list of enums (e.g. capabilities add), the field is the list's key. */
function trimToField(path: (string | number)[]): (string | number)[] {
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') end--;
  return path.slice(0, end);
}
