/**
 * Places what an engine built from sources (a Kustomize overlay, a Helm
 * chart) and maps every DaemonSet and reason back to the source line the user
 * edits, through the rendered documents' line maps. One function for both, so
 * overlays and charts answer in the same shape.
 */
import { pathToFileURL } from 'node:url';
import { parseYamlFile } from './languageService/yamlModel';
import type { PlacementService } from './placementService';
import type { BuiltDaemonSet, BuiltPlacement, BuiltPlacementError, ProtocolRange, SourceLocation } from './protocol';
import type { RenderedDocument, SourceLine } from './render/types';

/** A whole source line (line maps know lines, not columns). */
const lineRange = (line: number): ProtocolRange => ({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });

/** A source line as a location the client can open. */
export function sourceLocation(source: SourceLine | undefined): SourceLocation | undefined {
  return source?.file ? { uri: pathToFileURL(source.file).toString(), range: lineRange(source.line) } : undefined;
}

/** The DaemonSets of the rendered documents placed on the profile, each located in its sources. */
export function placeRendered(documents: readonly RenderedDocument[], placement: PlacementService, profilePath: string | undefined): BuiltPlacement | BuiltPlacementError {
  const daemonSets: BuiltDaemonSet[] = [];
  let profile: BuiltPlacement['profile'] | undefined;
  for (const document of documents) {
    // (documents whose kind the engine knows and is no DaemonSet are not parsed at all)
    if (document.kind !== undefined && document.kind !== 'DaemonSet' && !document.kind.endsWith('List')) continue;
    const result = placement.place(parseYamlFile(document.text), profilePath);
    if (result.kind === 'error') return { kind: 'error', message: result.message, cause: result.cause };
    profile = result.profile;
    for (const ds of result.daemonSets) {
      daemonSets.push({
        ...ds,
        location: sourceLocation(document.origin),
        nodes: ds.nodes.map((node) => ({
          ...node,
          reasons: node.reasons.map((reason) => ({ code: reason.code, message: reason.message, location: reason.range ? sourceLocation(document.lineMap[reason.range.start.line]) : undefined })),
        })),
      });
    }
  }
  if (!profile) {
    // nothing to place (no DaemonSet built): the answer still names the profile, or says why it cannot be read
    const read = placement.profile(profilePath);
    if (!read.profile) return { kind: 'error', message: read.error ?? 'no cluster profile', cause: 'profile' };
    profile = { name: read.profile.name, nodes: read.profile.nodes.length, path: profilePath };
  }
  return { profile, daemonSets };
}
