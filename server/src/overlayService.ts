/**
 * The overlay requests: builds the Kustomize overlay a document belongs to
 * (kubectl in trusted workspaces with a kubectl configured, else the built-in
 * engine), places the DaemonSets it builds to and maps every range back to
 * the base or patch line that wrote it.
 */
import { basename, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileReader } from './kustomize/discovery';
import { kustomizationIn, patchRoleOf } from './kustomize/discovery';
import { KUSTOMIZATION_FILE_NAMES } from './kustomize/kustomization';
import type { ParseCache } from './kustomize/builder';
import type { EngineChoice } from './kustomize/render';
import { renderKustomization } from './kustomize/render';
import type { ApiModel } from './languageService/apiModel';
import { parseYamlFile } from './languageService/yamlModel';
import type { PlacementService } from './placementService';
import { comparePlacements } from './placementComparison';
import type { CompareOverlaysParams, OverlayDaemonSet, OverlayInfo, OverlayPlacementParams, OverlayPlacementResult, PlacementComparison, PlacementResult, ProtocolRange, SourceLocation } from './protocol';
import type { RenderedDocument } from './render/types';

export interface OverlayEngineSettings {
  engine: EngineChoice;
  /** Set only in a trusted workspace with a kubectl configured: the server may run it. */
  kubectlPath?: string;
}

/** The kustomization folder a file belongs to as a kustomization or a patch, when it does. */
export function overlayFolderOf(path: string, read: FileReader): string | undefined {
  if ((KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(basename(path))) return dirname(path);
  const text = read(path);
  const role = text === undefined ? undefined : patchRoleOf(path, text, read);
  return role ? dirname(role.kustomization) : undefined;
}

/** A whole source line (the line map knows lines, not columns). */
const lineRange = (line: number): ProtocolRange => ({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });

function locate(document: RenderedDocument, range: ProtocolRange | undefined): SourceLocation | undefined {
  const source = range ? document.lineMap[range.start.line] : undefined;
  return source?.file ? { uri: pathToFileURL(source.file).toString(), range: lineRange(source.line) } : undefined;
}

export class OverlayService {
  /** Parsed overlay files, kept between builds (a keystroke re-parses the edited file only). */
  private readonly cache: ParseCache = new Map();

  constructor(
    private readonly placement: PlacementService,
    private readonly model: ApiModel,
    private readonly read: FileReader,
    private readonly settings: () => OverlayEngineSettings,
  ) {}

  async place(params: OverlayPlacementParams): Promise<OverlayPlacementResult> {
    if (!params.uri.startsWith('file:')) return { kind: 'none' };
    const folder = overlayFolderOf(fileURLToPath(params.uri), this.read);
    if (!folder) return { kind: 'none' };
    const found = kustomizationIn(folder, this.read);
    const { engine, kubectlPath } = this.settings();
    const info = (engineUsed: OverlayInfo['engine'], warnings: string[]): OverlayInfo => ({
      name: basename(folder),
      folderUri: pathToFileURL(folder).toString(),
      kustomizationUri: pathToFileURL(found?.path ?? folder).toString(),
      engine: engineUsed,
      warnings,
    });
    let render;
    try {
      render = await renderKustomization(folder, { engine: kubectlPath ? engine : 'builtin', kubectlPath, model: this.model, read: this.read, cache: this.cache });
    } catch (error) {
      return { kind: 'error', message: error instanceof Error ? error.message : String(error), overlay: info(kubectlPath && engine !== 'builtin' ? 'kubectl' : 'builtin', []) };
    }
    const daemonSets: OverlayDaemonSet[] = [];
    let profile: Extract<PlacementResult, { kind: 'ok' }>['profile'] | undefined;
    for (const document of render.documents) {
      const result = this.placement.place(parseYamlFile(document.text), params.profilePath);
      if (result.kind === 'error') return { kind: 'error', message: result.message, overlay: info(render.engine === 'kubectl' ? 'kubectl' : 'builtin', render.warnings) };
      profile = result.profile;
      for (const ds of result.daemonSets) {
        daemonSets.push({
          ...ds,
          location: document.origin.file ? { uri: pathToFileURL(document.origin.file).toString(), range: lineRange(document.origin.line) } : undefined,
          nodes: ds.nodes.map((node) => ({ ...node, reasons: node.reasons.map((reason) => ({ code: reason.code, message: reason.message, location: locate(document, reason.range) })) })),
        });
      }
    }
    profile ??= (() => {
      const read = this.placement.profile(params.profilePath).profile;
      return { name: read?.name ?? '', nodes: read?.nodes.length ?? 0, path: params.profilePath };
    })();
    return { kind: 'ok', overlay: info(render.engine === 'kubectl' ? 'kubectl' : 'builtin', render.warnings), profile, daemonSets };
  }

  async compare(params: CompareOverlaysParams): Promise<PlacementComparison> {
    const [before, after] = await Promise.all([this.place({ uri: params.before.uri, profilePath: params.profilePath }), this.place({ uri: params.after.uri, profilePath: params.profilePath })]);
    const side = (result: OverlayPlacementResult, label: string | undefined): { label: string; result: PlacementResult } => {
      if (result.kind === 'none') return { label: label ?? 'overlay', result: { kind: 'error', message: 'not a kustomization or a patch of one' } };
      const name = label ?? result.overlay?.name ?? 'overlay';
      if (result.kind === 'error') return { label: name, result: { kind: 'error', message: result.message } };
      // matched by the base resource that defines them: overlays rename DaemonSets (prefixes, suffixes)
      return { label: name, result: { kind: 'ok', profile: result.profile, daemonSets: result.daemonSets.map((ds) => ({ ...ds, namespace: '', name: ds.location ? `${ds.location.uri}#${ds.location.range.start.line}` : `${ds.namespace}/${ds.name}` })) } };
    };
    const a = side(before, params.before.label);
    const b = side(after, params.after.label);
    const comparison = comparePlacements({ label: a.label }, a.result, { label: b.label }, b.result);
    if (comparison.kind === 'error' || after.kind !== 'ok' || before.kind !== 'ok') return comparison;
    const shown = new Map<string, { name: string; namespace: string }>();
    for (const ds of [...before.daemonSets, ...after.daemonSets]) shown.set(ds.location ? `${ds.location.uri}#${ds.location.range.start.line}` : `${ds.namespace}/${ds.name}`, { name: ds.name, namespace: ds.namespace });
    return { ...comparison, daemonSets: comparison.daemonSets.map((ds) => ({ ...ds, ...(shown.get(ds.name) ?? { name: ds.name, namespace: ds.namespace }) })) };
  }
}
