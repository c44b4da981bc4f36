/**
 * The client's side of the compact placement answer (see PlacementAnswer in
 * protocol.ts): turns an answer, with the previous expanded answer and the
 * node table the client holds, into the `PlacementResult` the view, the code
 * lenses, the commands and the extension API read. Pure and shared: the
 * client runs it on every answer, the tests run it to check the server.
 * DaemonSets the answer keeps are the previous objects (moved when their
 * document moved), so the work is O(changed DaemonSets × nodes + DaemonSets).
 */
import type { PlacementAnswer, PlacementDaemonSet, PlacementDaemonSetRows, PlacementKept, PlacementNode, PlacementNodeTable, PlacementRangeRow, PlacementReason, PlacementResult, ProtocolRange } from '../protocol';
import { movedDaemonSet } from './movedDaemonSet';

export type OkPlacement = Extract<PlacementResult, { kind: 'ok' }>;

/** The last expanded answer for a document, and its id (the next request's `previousResultId`). */
export interface HeldPlacement {
  resultId: string;
  result: OkPlacement;
}

export type ExpandedPlacement =
  /** `held`: what to keep for the next request (absent after an error); `table`: the node table to keep (the answer's, else the one given). */
  | { kind: 'expanded'; result: PlacementResult; held?: HeldPlacement; table?: PlacementNodeTable }
  /** The answer builds on something the caller does not hold (another answer overtook it, or the table was dropped): ask again without `previousResultId`. */
  | { kind: 'stale'; why: string };

const STATUS: Record<string, PlacementNode['status'] | undefined> = { r: 'runs', p: 'pending', e: 'excluded' };

/** Expands an answer; `previous` and `table` are what the caller kept from earlier answers. */
export function expandPlacementAnswer(answer: PlacementAnswer, previous: HeldPlacement | undefined, table: PlacementNodeTable | undefined): ExpandedPlacement {
  if (answer.kind === 'error') return { kind: 'expanded', result: answer, table };
  if (answer.base !== undefined && answer.base !== previous?.resultId) return { kind: 'stale', why: `the answer changes ${answer.base}, the client holds ${previous?.resultId ?? 'nothing'}` };
  const nodeTable = answer.nodeTable ?? (answer.nodeTableId !== undefined && table?.id === answer.nodeTableId ? table : undefined);
  const daemonSets: PlacementDaemonSet[] = [];
  for (const item of answer.daemonSets) {
    if (isKept(item)) {
      const [from, count, lines] = item;
      const held = previous?.result.daemonSets;
      if (!held || from < 0 || from + count > held.length) return { kind: 'stale', why: `the answer keeps DaemonSets ${from}–${from + count - 1} of ${held?.length ?? 0}` };
      for (let i = from; i < from + count; i++) daemonSets.push(movedDaemonSet(held[i], lines));
      continue;
    }
    if (!nodeTable) return { kind: 'stale', why: `the answer's rows are in node table ${answer.nodeTableId ?? '(none)'}, the client holds ${table?.id ?? 'none'}` };
    const daemonSet = expandRows(item, nodeTable, answer.texts ?? []);
    if (!daemonSet) return { kind: 'stale', why: `the rows of ${item.namespace}/${item.name} do not fit node table ${nodeTable.id}` };
    daemonSets.push(daemonSet);
  }
  const result: OkPlacement = { kind: 'ok', profile: answer.profile, daemonSets };
  return { kind: 'expanded', result, held: { resultId: answer.resultId, result }, table: nodeTable ?? table };
}

function isKept(item: PlacementDaemonSetRows | PlacementKept): item is PlacementKept {
  return Array.isArray(item);
}

function rangeOf([startLine, startCharacter, endLine, endCharacter]: PlacementRangeRow): ProtocolRange {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** One DaemonSet's nodes from its rows, the node table and the answer's texts; undefined when they do not fit. */
function expandRows(rows: PlacementDaemonSetRows, table: PlacementNodeTable, texts: readonly string[]): PlacementDaemonSet | undefined {
  const count = table.names.length;
  if (rows.status.length !== count) return undefined;
  const text = (index: number) => {
    const value = texts[index];
    if (value === undefined) throw new RangeError(`text ${index} of ${texts.length}`);
    return value;
  };
  let reasonLists: PlacementReason[][];
  let noteLists: string[][];
  let rollout: PlacementDaemonSet['rollout'];
  try {
    // (a reason's keys in the order the server's expanded answer had them: Copy as JSON and the tests read them)
    reasonLists = rows.reasonLists.map((list) => list.map(([code, message, range]) => (range ? { code: text(code), message: text(message), range: rangeOf(range) } : { code: text(code), message: text(message) })));
    noteLists = rows.noteLists.map((list) => list.map(text));
    rollout = { summary: text(rows.rollout.summary), atOnce: rows.rollout.atOnce, waves: rows.rollout.waves };
  } catch {
    return undefined;
  }
  const nodes: PlacementNode[] = new Array<PlacementNode>(count);
  for (let i = 0; i < count; i++) {
    const status = STATUS[rows.status[i]];
    const reasons = reasonLists[rows.reasons?.[i] ?? 0];
    const notes = noteLists[rows.notes?.[i] ?? 0];
    const look = table.looks[table.lookOf[i]];
    if (!status || !reasons || !notes || !look) return undefined;
    const score = rows.scores?.[i] ?? 0;
    const pool = table.poolOf[i];
    nodes[i] = pool >= 0
      ? { name: table.names[i], pool: table.pools[pool], status, reasons, notes, score, labels: look.labels, taints: look.taints }
      : { name: table.names[i], status, reasons, notes, score, labels: look.labels, taints: look.taints };
  }
  return { name: rows.name, namespace: rows.namespace, range: rangeOf(rows.range), summary: rows.summary, rollout, nodes };
}
