/**
 * The placement report in the exact JSON shape of `place --format json`, built
 * by the command line from engine results and by the editor's Export
 * Placement Report from the placement answer: one function, so the two cannot
 * drift apart. Only the report's fields are picked from what it is given.
 */

export interface ReportNode {
  name: string;
  status: 'runs' | 'pending' | 'excluded';
  reasons: ReadonlyArray<{ code: string; message: string }>;
  notes: readonly string[];
}

export interface ReportDaemonSet {
  name: string;
  namespace: string;
  file: string;
  /** 1-based line of the DaemonSet document's first key. */
  line: number;
  nodes: readonly ReportNode[];
  summary: { runs: number; pending: number; excluded: number };
}

export function placeReport(cluster: { name: string; nodes: number }, daemonSets: readonly ReportDaemonSet[]) {
  return {
    cluster: { name: cluster.name, nodes: cluster.nodes },
    daemonSets: daemonSets.map(({ name, namespace, file, line, nodes, summary }) => ({
      name,
      namespace,
      file,
      line,
      nodes: nodes.map((node) => ({
        name: node.name,
        status: node.status,
        reasons: node.reasons.map((reason) => ({ code: reason.code, message: reason.message })),
        notes: node.notes,
      })),
      summary: { runs: summary.runs, pending: summary.pending, excluded: summary.excluded },
    })),
  };
}
