/**
 * What changes between two placements of the same DaemonSets: DaemonSets are
 * matched by namespace and name, nodes by name; only nodes whose verdict
 * differs (or that exist on one side only) are listed.
 */
import type { DaemonSetComparison, NodeChange, PlacementComparison, PlacementDaemonSet, PlacementResult, PlacementSide } from './protocol';

const keyOf = (ds: PlacementDaemonSet) => `${ds.namespace}/${ds.name}`;
const totals = (ds: PlacementDaemonSet | undefined) => (ds ? { ...ds.summary, nodes: ds.nodes.length } : undefined);

/** Nodes whose verdict differs; a node of one profile only is compared with "absent". */
function nodeChanges(before: PlacementDaemonSet, after: PlacementDaemonSet): NodeChange[] {
  const old = new Map(before.nodes.map((n) => [n.name, n]));
  const changes: NodeChange[] = [];
  for (const node of after.nodes) {
    const previous = old.get(node.name);
    old.delete(node.name);
    if (previous?.status === node.status) continue;
    const blocking = node.status === 'runs' ? previous : node;
    changes.push({ node: node.name, before: previous?.status, after: node.status, reasons: (blocking?.reasons ?? []).map((r) => r.message) });
  }
  for (const node of old.values()) changes.push({ node: node.name, before: node.status, reasons: node.reasons.map((r) => r.message) });
  return changes;
}

export function comparePlacements(beforeSide: PlacementSide, before: PlacementResult, afterSide: PlacementSide, after: PlacementResult): PlacementComparison {
  if (before.kind === 'error') return { kind: 'error', message: `${beforeSide.label}: ${before.message}` };
  if (after.kind === 'error') return { kind: 'error', message: `${afterSide.label}: ${after.message}` };
  const earlier = new Map(before.daemonSets.map((ds) => [keyOf(ds), ds]));
  const daemonSets: DaemonSetComparison[] = after.daemonSets.map((ds) => {
    const previous = earlier.get(keyOf(ds));
    earlier.delete(keyOf(ds));
    // A DaemonSet on one side only has no per-node changes to show: its summary says it all.
    return { name: ds.name, namespace: ds.namespace, before: totals(previous), after: totals(ds), changes: previous ? nodeChanges(previous, ds) : [] };
  });
  for (const ds of earlier.values()) daemonSets.push({ name: ds.name, namespace: ds.namespace, before: totals(ds), changes: [] });
  return {
    kind: 'ok',
    before: { label: beforeSide.label, profile: before.profile.name },
    after: { label: afterSide.label, profile: after.profile.name },
    daemonSets,
  };
}
