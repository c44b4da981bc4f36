/**
 * Quick fixes from the placement verdict, where one is obvious: tolerate a
 * taint that keeps the DaemonSet off some nodes, or remove a nodeSelector key
 * that no node of the profile matches.
 */
import { placeDaemonSet } from '../../placement';
import type { ClusterProfile, Taint } from '../../placement';
import { formatTaint } from '../../placement/tolerations';
import { daemonSetFromYaml } from '../daemonSetModel';
import { insertTolerationEdit } from '../diagnostics/podRules/tolerationEdit';
import type { QuickFix } from '../diagnostics/types';
import type { YamlFile } from '../yamlModel';
import { documentAt } from '../yamlModel';

/** Fixes for the DaemonSet document at a file offset. */
export function placementFixes(file: YamlFile, offset: number, profile: ClusterProfile): QuickFix[] {
  const document = documentAt(file, offset);
  const ds = document ? daemonSetFromYaml(document) : undefined;
  if (!document || !ds) return [];
  const result = placeDaemonSet(ds, profile);
  const fixes: QuickFix[] = [];
  // taints that alone keep the pod off a node (the node would run it otherwise)
  const taints = new Map<string, { taint: Taint; nodes: number }>();
  for (const node of result.nodes) {
    if (node.status !== 'excluded' || node.reasons.some((r) => r.code !== 'UntoleratedTaint')) continue;
    for (const reason of node.reasons) {
      if (!reason.taint) continue;
      const name = formatTaint(reason.taint);
      taints.set(name, { taint: reason.taint, nodes: (taints.get(name)?.nodes ?? 0) + 1 });
    }
  }
  for (const [name, { taint, nodes }] of [...taints].sort((a, b) => b[1].nodes - a[1].nodes)) {
    const edit = insertTolerationEdit(file, document, taint.value ? { key: taint.key, operator: 'Equal', value: taint.value, effect: taint.effect } : { key: taint.key, operator: 'Exists', effect: taint.effect });
    if (edit) fixes.push({ title: `Tolerate taint ${name} on ${nodes} node${nodes === 1 ? '' : 's'}`, edits: [edit] });
  }
  // nodeSelector pairs that no node has
  for (const [key, value] of Object.entries(ds.nodeSelector)) {
    const source = ds.sources.nodeSelectorKeys?.[key];
    if (!source || profile.nodes.some((n) => n.labels[key] === value)) continue;
    const start = file.lineIndex.lineStarts[file.lineIndex.positionAt(source.start).line];
    const nextLine = file.lineIndex.positionAt(source.end).line + 1;
    const end = file.lineIndex.lineStarts[nextLine] ?? file.lineIndex.source.length;
    if (file.lineIndex.source.slice(start, source.start).trim() !== '') continue; // flow style: no whole line to remove
    fixes.push({ title: `Remove nodeSelector key ${key} that matches no node of ${profile.name}`, edits: [{ start, end, newText: '' }] });
  }
  return fixes;
}
