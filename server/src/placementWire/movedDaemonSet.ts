/**
 * A placed DaemonSet whose document moved (lines added or removed above it):
 * the server's placement cache and the client's copy of the last answer both
 * shift the same verdicts instead of computing or sending them again. A
 * document starts at a line start, so only line numbers move, never
 * characters.
 */
import type { PlacementDaemonSet, PlacementNode, PlacementReason, ProtocolRange } from '../protocol';

function movedRange(range: ProtocolRange, by: number): ProtocolRange {
  return { start: { line: range.start.line + by, character: range.start.character }, end: { line: range.end.line + by, character: range.end.character } };
}

/**
 * The DaemonSet `by` lines further down (up when negative). Nodes whose
 * reasons point nowhere are reused as they are; nodes that shared a reason
 * list still share the moved one (a list per verdict, not per node).
 */
export function movedDaemonSet(daemonSet: PlacementDaemonSet, by: number): PlacementDaemonSet {
  if (by === 0) return daemonSet;
  const movedLists = new Map<readonly PlacementReason[], PlacementReason[]>();
  const movedReasons = (reasons: PlacementReason[]): PlacementReason[] => {
    let moved = movedLists.get(reasons);
    if (!moved) movedLists.set(reasons, (moved = reasons.some((r) => r.range) ? reasons.map((r) => (r.range ? { ...r, range: movedRange(r.range, by) } : r)) : reasons));
    return moved;
  };
  const nodes = daemonSet.nodes.map((node): PlacementNode => {
    const reasons = movedReasons(node.reasons);
    return reasons === node.reasons ? node : { ...node, reasons };
  });
  return { ...daemonSet, range: movedRange(daemonSet.range, by), nodes };
}
