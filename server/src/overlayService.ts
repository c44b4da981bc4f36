/**
 * The overlay requests: builds the Kustomize overlay a document belongs to
 * (kubectl in trusted workspaces with a kubectl configured, else the built-in
 * engine), places the DaemonSets it builds to and maps every range back to
 * the base or patch line that wrote it.
 */
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileReader } from './kustomize/discovery';
import { kustomizationIn, overlayFolderOf } from './kustomize/discovery';
import type { ParseCache } from './kustomize/builder';
import type { EngineChoice } from './kustomize/render';
import { renderKustomization } from './kustomize/render';
import type { ApiModel } from './languageService/apiModel';
import type { PlacementService } from './placementService';
import { comparePlacements } from './placementComparison';
import type { CompareOverlaysParams, OverlayInfo, OverlayPlacementParams, OverlayPlacementResult, PlacementComparison, PlacementResult } from './protocol';
import { RenderError } from './render/types';
import { placeRendered, sourceLocation } from './renderedPlacement';

export interface OverlayEngineSettings {
  engine: EngineChoice;
  /** Set only in a trusted workspace with a kubectl configured: the server may run it. */
  kubectlPath?: string;
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
      return { kind: 'error', message: error instanceof Error ? error.message : String(error), location: error instanceof RenderError ? sourceLocation(error.at) : undefined, overlay: info(kubectlPath && engine !== 'builtin' ? 'kubectl' : 'builtin', []) };
    }
    const placed = placeRendered(render.documents, this.placement, params.profilePath);
    const overlay = info(render.engine === 'kubectl' ? 'kubectl' : 'builtin', render.warnings);
    return 'kind' in placed ? { ...placed, overlay } : { kind: 'ok', overlay, ...placed };
  }

  async compare(params: CompareOverlaysParams): Promise<PlacementComparison> {
    const [before, after] = await Promise.all([params.before, params.after].map((side) => this.place({ uri: side.uri, profilePath: side.profilePath ?? params.profilePath })));
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
