/**
 * The asking side of the placement request, shared by the client and the
 * tests: keeps the last expanded answer per document and the last node
 * table, names them in the next request so the server sends only what
 * changed, and expands the answer. An answer it cannot expand (another
 * answer for the document overtook it, or the server misjudged what the
 * client holds) is asked again in full, so a mistake costs time, never a
 * wrong view.
 */
import type { PlacementAnswer, PlacementNodeTable, PlacementParams, PlacementResult } from '../protocol';
import type { HeldPlacement } from './expandPlacement';
import { expandPlacementAnswer } from './expandPlacement';

export class PlacementRequests {
  /** Per document uri (least recently asked first), the last expanded answer. */
  private readonly held = new Map<string, HeldPlacement>();
  private table: PlacementNodeTable | undefined;

  /** `send` puts one request on the wire (the client's sendRequest); `documents`: how many documents' answers are kept. */
  constructor(
    private readonly send: (params: PlacementParams) => Promise<PlacementAnswer>,
    private readonly documents = 4,
  ) {}

  /** The placement of a document's DaemonSets, in the expanded shape. */
  async request(uri: string, profilePath?: string): Promise<PlacementResult> {
    const previous = this.held.get(uri);
    const first = await this.send({ uri, profilePath, previousResultId: previous?.resultId, nodeTableId: this.table?.id });
    // expanded with what is held now: an answer that arrived meanwhile may have replaced it
    const expanded = this.expand(uri, first);
    if (expanded) return expanded;
    const full = await this.send({ uri, profilePath });
    return this.expand(uri, full) ?? { kind: 'error', message: 'the placement answer could not be read (a full answer referred to earlier ones)' };
  }

  private expand(uri: string, answer: PlacementAnswer): PlacementResult | undefined {
    const expanded = expandPlacementAnswer(answer, this.held.get(uri), this.table);
    if (expanded.kind === 'stale') return undefined;
    this.held.delete(uri);
    if (expanded.held) this.held.set(uri, expanded.held);
    if (this.held.size > this.documents) this.held.delete(this.held.keys().next().value!);
    this.table = expanded.table;
    return expanded.result;
  }
}
