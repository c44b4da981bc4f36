/**
 * How a RollingUpdate of a DaemonSet proceeds on the nodes that run it: how
 * many pods are replaced at once and in how many waves. maxUnavailable and
 * maxSurge are scaled against the number of nodes that should run the pod,
 * rounding percentages up (intstr.GetScaledValueFromIntOrPercent with roundUp,
 * as pkg/controller/daemon/update.go does); when both resolve to 0,
 * maxUnavailable becomes 1.
 */

export interface RolloutEstimate {
  strategy: 'RollingUpdate' | 'OnDelete';
  nodes: number;
  maxUnavailable: number;
  maxSurge: number;
  /** Pods replaced at the same time. */
  atOnce: number;
  waves: number;
  summary: string;
}

function scaled(value: string | number | undefined, fallback: number, total: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  return match ? Math.ceil((Number(match[1]) * total) / 100) : Number.isInteger(Number(value)) ? Number(value) : fallback;
}

export function estimateRollout(strategy: { type?: string; maxUnavailable?: string | number; maxSurge?: string | number }, nodes: number): RolloutEstimate {
  if (strategy.type === 'OnDelete') {
    return { strategy: 'OnDelete', nodes, maxUnavailable: 0, maxSurge: 0, atOnce: 0, waves: 0, summary: `OnDelete: none of the ${nodes} pods is replaced until you delete it` };
  }
  let maxUnavailable = scaled(strategy.maxUnavailable, 1, nodes);
  const maxSurge = scaled(strategy.maxSurge, 0, nodes);
  if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const atOnce = Math.max(1, Math.min(nodes, maxSurge > 0 ? maxSurge : maxUnavailable));
  const waves = nodes === 0 ? 0 : Math.ceil(nodes / atOnce);
  const how = maxSurge > 0 ? `${atOnce} new pod${atOnce === 1 ? '' : 's'} started next to the old ones at a time (maxSurge)` : `${atOnce} node${atOnce === 1 ? '' : 's'} without a ready pod at a time (maxUnavailable)`;
  return { strategy: 'RollingUpdate', nodes, maxUnavailable, maxSurge, atOnce, waves, summary: `RollingUpdate on ${nodes} nodes: ${how}, in ${waves} wave${waves === 1 ? '' : 's'}` };
}
