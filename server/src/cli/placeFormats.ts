/** Output of `place`: the exact JSON shape of the issue, and a table for people. */
import type { ClusterProfile, DaemonSetModel, PlacementResult } from '../placement';
import { placeReport } from '../placementReport';

export interface PlacedDaemonSet {
  ds: DaemonSetModel;
  file: string;
  /** 1-based line of the DaemonSet document's first key. */
  line: number;
  result: PlacementResult;
}

export function formatPlaceJson(profile: ClusterProfile, placed: PlacedDaemonSet[]): string {
  const daemonSets = placed.map(({ ds, file, line, result }) => ({ name: ds.name, namespace: ds.namespace, file, line, nodes: result.nodes, summary: result.summary }));
  return `${JSON.stringify(placeReport({ name: profile.name, nodes: profile.nodes.length }, daemonSets), null, 2)}\n`;
}

const STATUS_LABEL = { runs: 'runs', pending: 'PENDING', excluded: 'not scheduled' } as const;

export function formatPlaceText(profile: ClusterProfile, placed: PlacedDaemonSet[]): string {
  const out: string[] = [`cluster ${profile.name}: ${profile.nodes.length} node${profile.nodes.length === 1 ? '' : 's'}`];
  if (placed.length === 0) out.push('no DaemonSet found in the given files');
  for (const { ds, file, line, result } of placed) {
    const { runs, pending, excluded } = result.summary;
    out.push('', `DaemonSet ${ds.namespace}/${ds.name} (${file}:${line}): runs on ${runs} of ${result.nodes.length} nodes · ${pending} pending · ${excluded} not scheduled`);
    const width = Math.max(4, ...result.nodes.map((n) => n.name.length));
    out.push(`  ${'NODE'.padEnd(width)}  ${'STATUS'.padEnd(13)}  REASONS`);
    for (const node of result.nodes) {
      const reasons = node.reasons.map((r) => `${r.code}: ${r.message}`);
      const first = reasons.shift() ?? (node.score ? `preferred affinity score ${node.score}` : '');
      out.push(`  ${node.name.padEnd(width)}  ${STATUS_LABEL[node.status].padEnd(13)}  ${first}`);
      for (const more of reasons) out.push(`  ${''.padEnd(width)}  ${''.padEnd(13)}  ${more}`);
      for (const note of node.notes) out.push(`  ${''.padEnd(width)}  ${''.padEnd(13)}  note: ${note}`);
    }
  }
  return `${out.join('\n')}\n`;
}
