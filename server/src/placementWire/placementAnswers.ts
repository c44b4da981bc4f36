/**
 * The server's side of the compact placement answer (see PlacementAnswer in
 * protocol.ts): remembers, per document, which DaemonSets it last sent, and
 * answers the next request with the DaemonSets whose document changed in
 * full and the others as references to what the client holds (issue 15
 * item 8: after a keystroke in a 20 MB manifest, one DaemonSet travels, not
 * 55 MB of verdicts). Nodes travel once per node table, not per DaemonSet.
 * Anything the server does not remember (another answer, a restart, a
 * changed profile) gives a full answer.
 */
import { randomUUID } from 'node:crypto';
import type { PlacementAnswer, PlacementDaemonSet, PlacementDaemonSetRows, PlacementKept, PlacementNode, PlacementNodeTable, PlacementParams, PlacementRangeRow, PlacementReason, PlacementReasonRow, PlacementResult, ProtocolRange } from '../protocol';

/** An answer as the client holds it once expanded: DaemonSets equal to these, in this order. */
interface Sent {
  resultId: string;
  daemonSets: readonly PlacementDaemonSet[];
  /** Per DaemonSet origin, its index in the answer and its first line: made when an answer needs it (a DaemonSet moved). */
  byOrigin?: Map<object, { index: number; line: number }>;
}

const STATUS_CODE: Record<PlacementNode['status'], string> = { runs: 'r', pending: 'p', excluded: 'e' };

export class PlacementAnswers {
  /** Ids unique across server processes: a restarted server never takes the client's ids for its own. */
  private readonly prefix = randomUUID().slice(0, 8);
  private counter = 0;
  /** Per document uri, the last answer (least recently answered first). */
  private readonly sent = new Map<string, Sent>();
  /** The origins of the DaemonSets in any answer so far: one not among them is held by no client. */
  private readonly sentOrigins = new WeakSet<object>();
  /** Node tables sent lately (least recently used first). */
  private readonly tables: PlacementNodeTable[] = [];

  /**
   * `originOf`: DaemonSets with one origin are equal but for the lines they
   * start at (the placement cache's moved copies); any other DaemonSet is its
   * own origin and is sent in full.
   */
  constructor(
    private readonly originOf: (daemonSet: PlacementDaemonSet) => object = (daemonSet) => daemonSet,
    private readonly limits = { documents: 8, tables: 4 },
  ) {}

  /** The compact answer to a request, given the expanded result; remembers it as what the client holds next. */
  answer(params: Pick<PlacementParams, 'uri' | 'previousResultId' | 'nodeTableId'>, result: PlacementResult): PlacementAnswer {
    const last = this.sent.get(params.uri);
    this.sent.delete(params.uri);
    if (result.kind === 'error') return result;
    const base = last && params.previousResultId !== undefined && last.resultId === params.previousResultId ? last : undefined;
    /** Where the client holds a DaemonSet equal to this one but for its lines; undefined when it holds none. */
    const held = (daemonSet: PlacementDaemonSet, index: number): { index: number; line: number } | undefined => {
      const previous = base?.daemonSets[index];
      // a keystroke leaves most DaemonSets the same objects at the same places: no lookup for them
      if (previous === daemonSet) return { index, line: daemonSet.range.start.line };
      const origin = this.originOf(daemonSet);
      const sent = this.sentOrigins.has(origin);
      this.sentOrigins.add(origin);
      // the edited document's DaemonSet is new: no answer held it, so no lookup either
      if (!base || !sent) return undefined;
      // moved in place (lines added above it)
      if (previous && this.originOf(previous) === origin) return { index, line: previous.range.start.line };
      base.byOrigin ??= new Map(base.daemonSets.map((d, i) => [this.originOf(d), { index: i, line: d.range.start.line }]));
      return base.byOrigin.get(origin);
    };
    const daemonSets: Extract<PlacementAnswer, { kind: 'ok' }>['daemonSets'] = [];
    let table: PlacementNodeTable | undefined;
    const texts = new Texts();
    let run: PlacementKept | undefined;
    let kept = false;
    result.daemonSets.forEach((daemonSet, index) => {
      const was = held(daemonSet, index);
      if (was) {
        kept = true;
        const lines = daemonSet.range.start.line - was.line;
        if (run && run[0] + run[1] === was.index && run[2] === lines) run[1]++;
        else daemonSets.push((run = [was.index, 1, lines]));
        return;
      }
      run = undefined;
      if (!table) table = this.tableFor(daemonSet.nodes, params.nodeTableId);
      else if (!fits(table, daemonSet.nodes)) throw new Error(`placement answer: the nodes of ${daemonSet.namespace}/${daemonSet.name} are not those of the other DaemonSets`);
      daemonSets.push(rowsOf(daemonSet, texts));
    });
    const resultId = this.nextId('r');
    this.sent.set(params.uri, { resultId, daemonSets: result.daemonSets });
    if (this.sent.size > this.limits.documents) this.sent.delete(this.sent.keys().next().value!);
    return {
      kind: 'ok',
      resultId,
      ...(kept && base ? { base: base.resultId } : {}),
      profile: result.profile,
      ...(table ? { nodeTableId: table.id } : {}),
      ...(table && table.id !== params.nodeTableId ? { nodeTable: table } : {}),
      ...(texts.values.length ? { texts: texts.values } : {}),
      daemonSets,
    };
  }

  /** Forgets a document (closed): its next answer is full. */
  forget(uri: string): void {
    this.sent.delete(uri);
  }

  private nextId(kind: string): string {
    return `${this.prefix}-${kind}${++this.counter}`;
  }

  /** A node table the nodes fit: the client's when it still fits, else a recent one, else a new one. */
  private tableFor(nodes: readonly PlacementNode[], clientTableId: string | undefined): PlacementNodeTable {
    const known = this.tables.find((t) => t.id === clientTableId);
    const found = [known, ...[...this.tables].reverse()].find((t) => t && fits(t, nodes)) ?? nodeTableOf(this.nextId('t'), nodes);
    const at = this.tables.indexOf(found);
    if (at >= 0) this.tables.splice(at, 1);
    this.tables.push(found);
    if (this.tables.length > this.limits.tables) this.tables.shift();
    return found;
  }
}

/** Whether a DaemonSet's nodes are the table's (name, pool, labels and taints shown, in order). */
function fits(table: PlacementNodeTable, nodes: readonly PlacementNode[]): boolean {
  if (table.names.length !== nodes.length) return false;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const pool = table.poolOf[i];
    const look = table.looks[table.lookOf[i]];
    if (table.names[i] !== node.name || (pool >= 0 ? table.pools[pool] : undefined) !== node.pool) return false;
    // the placement service shares one summary per look: the same arrays, mostly
    if ((look.labels !== node.labels && !sameStrings(look.labels, node.labels)) || (look.taints !== node.taints && !sameStrings(look.taints, node.taints))) return false;
  }
  return true;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * Distinct values as rows: a value seen before (the same object: nodes judged
 * alike share their lists) costs a map lookup; a new one is turned into its
 * row and matched by the row's content.
 */
class Interned<T extends object, Row> {
  readonly rows: Row[] = [];
  private readonly byIdentity = new Map<T, number>();
  private readonly byContent = new Map<string, number>();

  constructor(private readonly rowOf: (value: T) => Row) {}

  index(value: T): number {
    let index = this.byIdentity.get(value);
    if (index !== undefined) return index;
    const row = this.rowOf(value);
    const key = JSON.stringify(row);
    index = this.byContent.get(key);
    if (index === undefined) this.byContent.set(key, (index = this.rows.push(row) - 1));
    this.byIdentity.set(value, index);
    return index;
  }
}

/** The node table of a DaemonSet's nodes. */
function nodeTableOf(id: string, nodes: readonly PlacementNode[]): PlacementNodeTable {
  const pools: string[] = [];
  const poolIndex = new Map<string, number>();
  const looks = new Interned<{ labels: string[]; taints: string[] }, { labels: string[]; taints: string[] }>((look) => look);
  const lookOfPair = new Map<string[], Map<string[], number>>();
  const names = new Array<string>(nodes.length);
  const poolOf = new Array<number>(nodes.length);
  const lookOf = new Array<number>(nodes.length);
  nodes.forEach((node, i) => {
    names[i] = node.name;
    let pool = -1;
    if (node.pool !== undefined) {
      pool = poolIndex.get(node.pool) ?? -1;
      if (pool < 0) poolIndex.set(node.pool, (pool = pools.push(node.pool) - 1));
    }
    poolOf[i] = pool;
    let byTaints = lookOfPair.get(node.labels);
    if (!byTaints) lookOfPair.set(node.labels, (byTaints = new Map<string[], number>()));
    let look = byTaints.get(node.taints);
    if (look === undefined) byTaints.set(node.taints, (look = looks.index({ labels: node.labels, taints: node.taints })));
    lookOf[i] = look;
  });
  return { id, names, pools, poolOf, looks: looks.rows, lookOf };
}

/** The strings an answer's rows name by index: each sentence once per answer. */
class Texts {
  readonly values: string[] = [];
  private readonly indexes = new Map<string, number>();

  index(text: string): number {
    let index = this.indexes.get(text);
    if (index === undefined) this.indexes.set(text, (index = this.values.push(text) - 1));
    return index;
  }
}

function rangeRow(range: ProtocolRange): PlacementRangeRow {
  return [range.start.line, range.start.character, range.end.line, range.end.character];
}

/** A DaemonSet's verdicts as rows in its nodes' order (the caller checked that they are the node table's). */
function rowsOf(daemonSet: PlacementDaemonSet, texts: Texts): PlacementDaemonSetRows {
  const reasonRow = (reason: PlacementReason): PlacementReasonRow => {
    const row: PlacementReasonRow = [texts.index(reason.code), texts.index(reason.message)];
    return reason.range ? [...row, rangeRow(reason.range)] : row;
  };
  // (the key of a list is its rows: the same list with the same ranges)
  const reasonLists = new Interned<readonly PlacementReason[], PlacementReasonRow[]>((list) => list.map(reasonRow));
  const noteLists = new Interned<readonly string[], number[]>((list) => list.map((note) => texts.index(note)));
  const count = daemonSet.nodes.length;
  const status = new Array<string>(count);
  const reasons = new Array<number>(count);
  const notes = new Array<number>(count);
  const scores = new Array<number>(count);
  let scored = false;
  daemonSet.nodes.forEach((node, i) => {
    status[i] = STATUS_CODE[node.status];
    reasons[i] = reasonLists.index(node.reasons);
    notes[i] = noteLists.index(node.notes);
    scores[i] = node.score;
    if (node.score !== 0) scored = true;
  });
  return {
    name: daemonSet.name,
    namespace: daemonSet.namespace,
    range: rangeRow(daemonSet.range),
    summary: daemonSet.summary,
    rollout: { summary: texts.index(daemonSet.rollout.summary), atOnce: daemonSet.rollout.atOnce, waves: daemonSet.rollout.waves },
    reasonLists: reasonLists.rows,
    noteLists: noteLists.rows,
    status: status.join(''),
    ...(reasonLists.rows.length > 1 ? { reasons } : {}),
    ...(noteLists.rows.length > 1 ? { notes } : {}),
    ...(scored ? { scores } : {}),
  };
}
