/**
 * Completion that knows the active cluster profile: the label keys and values
 * that exist on its nodes (nodeSelector, affinity expressions) and the taints
 * they carry (tolerations), each with how many nodes have it.
 */
import type { ClusterProfile } from '../../placement/types';
import type { CompletionEntry, CursorContext } from './completion';

function counted(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function entries(context: CursorContext, counts: Map<string, number>, profile: ClusterProfile, insert: (label: string) => string, what: string): CompletionEntry[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label, count], i) => ({
      label,
      kind: 'value' as const,
      detail: `${what} on ${count} of ${profile.nodes.length} nodes (${profile.name})`,
      insertText: insert(label),
      isSnippet: false,
      start: context.start,
      end: context.end,
      // before the generic suggestions, most common first
      sortText: `00${String(i).padStart(5, '0')}`,
    }));
}

/** Profile-based entries for the completion context, or none. */
export function profileCompletions(profile: ClusterProfile, context: CursorContext): CompletionEntry[] {
  const path = context.path.map((s) => (typeof s === 'number' ? '[]' : s)).join('.').replace(/\.\[\]/g, '[]');
  const key = String(context.path[context.path.length - 1]);
  if (context.kind === 'key' && path === 'spec.template.spec.nodeSelector') {
    const keys = counted(profile.nodes.flatMap((n) => Object.keys(n.labels)).filter((k) => !context.siblings.has(k)));
    return entries(context, keys, profile, (label) => `${label}: `, 'label');
  }
  if (context.kind !== 'value') return [];
  if (path.startsWith('spec.template.spec.nodeSelector.')) {
    const values = counted(profile.nodes.flatMap((n) => (Object.hasOwn(n.labels, key) ? [n.labels[key]] : [])));
    return entries(context, values, profile, (label) => (label === '' || /^(true|false|yes|no|on|off|y|n|[0-9.]+)$/i.test(label) ? JSON.stringify(label) : label), `${key}=`);
  }
  if (/matchExpressions\[\]\.key$/.test(path)) {
    return entries(context, counted(profile.nodes.flatMap((n) => Object.keys(n.labels))), profile, (label) => label, 'label');
  }
  if (/tolerations\[\]\.key$/.test(path)) {
    return entries(context, counted(profile.nodes.flatMap((n) => [...new Set(n.taints.map((t) => t.key))])), profile, (label) => label, 'taint');
  }
  if (/tolerations\[\]\.value$/.test(path)) {
    return entries(context, counted(profile.nodes.flatMap((n) => n.taints.flatMap((t) => (t.value ? [t.value] : [])))), profile, (label) => label, 'taint value');
  }
  if (/tolerations\[\]\.effect$/.test(path)) {
    return entries(context, counted(profile.nodes.flatMap((n) => [...new Set(n.taints.map((t) => t.effect))])), profile, (label) => label, 'taint effect');
  }
  return [];
}
