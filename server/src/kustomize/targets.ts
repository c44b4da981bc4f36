/**
 * Which resources a patch applies to: a `target` selector (group, version,
 * kind, name and namespace as anchored regular expressions, label and
 * annotation selectors), or, without one, the patch's own kind and name.
 */
import type { PatchTarget } from './kustomization';
import type { BuiltResource } from './transformers';
import { kindOf, nameOf, namespaceOf } from './transformers';
import type { JsonObject } from './tree';
import { isObject } from './tree';

function regexMatch(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined || pattern === '') return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

function groupVersion(r: BuiltResource): { group: string; version: string } {
  const apiVersion = typeof r.object.apiVersion === 'string' ? r.object.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** A Kubernetes label selector string (`a=b,c!=d,e in (x,y),!f,g`) against a map. */
export function selectorMatches(selector: string, labels: Record<string, string>): boolean {
  const parts = selector.match(/(?:[^,(]|\([^)]*\))+/g) ?? [];
  return parts.every((raw) => {
    const part = raw.trim();
    if (part === '') return true;
    let m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (m) {
      const values = m[3].split(',').map((v) => v.trim());
      const has = m[1] in labels && values.includes(labels[m[1]]);
      return m[2] === 'in' ? has : !has;
    }
    m = /^(\S+?)\s*(==|=|!=)\s*(\S*)$/.exec(part);
    if (m) return m[2] === '!=' ? labels[m[1]] !== m[3] : labels[m[1]] === m[3];
    if (part.startsWith('!')) return !(part.slice(1) in labels);
    return part in labels;
  });
}

const stringMap = (value: unknown): Record<string, string> => (isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v as string)])) : {});

/** The resources a target selector picks. */
export function selectTargets(resources: BuiltResource[], target: PatchTarget): BuiltResource[] {
  return resources.filter((r) => {
    const { group, version } = groupVersion(r);
    const meta = isObject(r.object.metadata) ? r.object.metadata : {};
    return (
      regexMatch(target.group, group) &&
      regexMatch(target.version, version) &&
      regexMatch(target.kind, kindOf(r)) &&
      (regexMatch(target.name, nameOf(r)) || (target.name !== undefined && r.previousNames.some((n) => regexMatch(target.name, n)))) &&
      regexMatch(target.namespace, namespaceOf(r) ?? '') &&
      (target.labelSelector === undefined || selectorMatches(target.labelSelector, stringMap(meta.labels))) &&
      (target.annotationSelector === undefined || selectorMatches(target.annotationSelector, stringMap(meta.annotations)))
    );
  });
}

/** The resources a patch without a target applies to: its kind and name (the current one or one it had), and its namespace when it gives one. */
export function selectByPatch(resources: BuiltResource[], patch: JsonObject): BuiltResource[] {
  const kind = typeof patch.kind === 'string' ? patch.kind : undefined;
  const meta = isObject(patch.metadata) ? patch.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : undefined;
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : undefined;
  return resources.filter((r) => (kind === undefined || kindOf(r) === kind) && name !== undefined && (nameOf(r) === name || r.previousNames.includes(name)) && (namespace === undefined || namespaceOf(r) === namespace || namespaceOf(r) === undefined));
}
