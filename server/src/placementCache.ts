/**
 * The placement view's answer per YAML document, reused while the document's
 * text and the profile are unchanged: after a keystroke in a big manifest only
 * the edited document's DaemonSet is placed again (issue 15 item 8). A
 * document that moved keeps its answer; its ranges follow its first line (a
 * document starts at a line start, so only line numbers move, never
 * characters).
 */
import type { YamlDocument, YamlFile } from './languageService/yamlModel';
import type { ClusterProfile } from './placement';
import type { PlacementDaemonSet, ProtocolRange } from './protocol';

interface Entry {
  /** The document's first line when `daemonSet` was made. */
  line: number;
  /** Undefined: the document is no DaemonSet. */
  daemonSet: PlacementDaemonSet | undefined;
}

export class PlacementCache {
  /** Per profile object (a re-read profile is a new object), per document id (kept while its text is). */
  private readonly entries = new WeakMap<ClusterProfile, WeakMap<object, Entry>>();

  /** The document's DaemonSet placed on the profile: `place` runs once per document text and profile. */
  daemonSet(file: YamlFile, document: YamlDocument, profile: ClusterProfile, place: () => PlacementDaemonSet | undefined): PlacementDaemonSet | undefined {
    let byDocument = this.entries.get(profile);
    if (!byDocument) this.entries.set(profile, (byDocument = new WeakMap()));
    const line = file.lineIndex.positionAt(document.start).line;
    let entry = byDocument.get(document.id);
    if (!entry) {
      entry = { line, daemonSet: place() };
      byDocument.set(document.id, entry);
    } else if (entry.line !== line) {
      entry = { line, daemonSet: entry.daemonSet && movedBy(entry.daemonSet, line - entry.line) };
      byDocument.set(document.id, entry);
    }
    return entry.daemonSet;
  }
}

function movedRange(range: ProtocolRange, by: number): ProtocolRange {
  return { start: { line: range.start.line + by, character: range.start.character }, end: { line: range.end.line + by, character: range.end.character } };
}

function movedBy(daemonSet: PlacementDaemonSet, by: number): PlacementDaemonSet {
  return {
    ...daemonSet,
    range: movedRange(daemonSet.range, by),
    nodes: daemonSet.nodes.map((node) => (node.reasons.some((r) => r.range) ? { ...node, reasons: node.reasons.map((r) => (r.range ? { ...r, range: movedRange(r.range, by) } : r)) } : node)),
  };
}
