/**
 * The placement view's answer per YAML document, reused while the document's
 * text and the profile are unchanged: after a keystroke in a big manifest only
 * the edited document's DaemonSet is placed again (issue 15 item 8). A
 * document that moved keeps its answer; its ranges follow its first line.
 */
import type { YamlDocument, YamlFile } from './languageService/yamlModel';
import type { ClusterProfile } from './placement';
import { movedDaemonSet } from './placementWire/movedDaemonSet';
import type { PlacementDaemonSet } from './protocol';

interface Entry {
  /** The document's first line when `daemonSet` was made. */
  line: number;
  /** Undefined: the document is no DaemonSet. */
  daemonSet: PlacementDaemonSet | undefined;
}

export class PlacementCache {
  /** Per profile object (a re-read profile is a new object), per document id (kept while its text is). */
  private readonly entries = new WeakMap<ClusterProfile, WeakMap<object, Entry>>();
  /** A moved copy's first placement: answers that are equal but for their lines share one origin. */
  private readonly origins = new WeakMap<PlacementDaemonSet, PlacementDaemonSet>();

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
      const moved = entry.daemonSet && movedDaemonSet(entry.daemonSet, line - entry.line);
      if (moved && entry.daemonSet) this.origins.set(moved, this.originOf(entry.daemonSet));
      entry = { line, daemonSet: moved };
      byDocument.set(document.id, entry);
    }
    return entry.daemonSet;
  }

  /**
   * The first placement of the same document text on the same profile object:
   * two DaemonSets with one origin differ at most by the lines they start at
   * (the placement answers send such a DaemonSet as a reference).
   */
  originOf(daemonSet: PlacementDaemonSet): PlacementDaemonSet {
    return this.origins.get(daemonSet) ?? daemonSet;
  }
}
