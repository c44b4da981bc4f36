/**
 * Kustomization folders on the command line: `check` and `place` build them
 * (`--engine kubectl|builtin|auto`, `--kubectl <path>`) and report on the
 * built DaemonSets at the base or patch line that wrote each value.
 */
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { kustomizationIn } from '../kustomize/discovery';
import { readFromDisk } from '../kustomize/diskReader';
import type { EngineChoice } from '../kustomize/render';
import { renderKustomization } from '../kustomize/render';
import type { ApiModel } from '../languageService/apiModel';
import type { OverlayBuild } from '../kustomize/buildFindings';
import { RenderError } from '../render/types';
import { oneOf } from './args';
import type { ParsedArgs } from './args';
import type { ToolsConfig } from '../config/types';
import { programPath } from '../config/programPath';

/** Flags both commands take for overlays. */
export const OVERLAY_FLAGS = { engine: true, kubectl: true } as const;

export const OVERLAY_USAGE = `A folder holding a kustomization.yaml is built first (--engine kubectl runs
\`kubectl kustomize\`, --engine builtin the built-in builder; the default, auto,
uses kubectl when --kubectl or PATH has one), and its DaemonSets are checked
or placed; each finding points at the base or patch line that wrote the value.`;

export interface OverlayOptions {
  engine: EngineChoice;
  kubectlPath: string;
}

/** The command line's --engine and --kubectl, over the `kustomize:` of the team's .daemonset-tools.yaml, over the defaults. */
export function overlayOptions(parsed: ParsedArgs, tools?: ToolsConfig): OverlayOptions {
  const config = tools?.kustomize ?? {};
  return {
    // one --engine for charts and overlays: `helm` names the charts' exact engine, so overlays take their own (auto)
    engine: (parsed.flags.get('engine')?.at(-1) === 'helm' ? 'auto' : oneOf(parsed.flags.get('engine')?.at(-1) ?? config.engine, ['auto', 'kubectl', 'builtin'], 'engine', 'auto')) as EngineChoice,
    kubectlPath: parsed.flags.get('kubectl')?.at(-1) ?? (config.kubectlPath && programPath(config.kubectlPath, tools?.path)) ?? 'kubectl',
  };
}

/** Whether a command-line input is a folder with a kustomization (not a Component) to build. */
export function isKustomizationFolder(input: string, cwd: string): boolean {
  const path = resolve(cwd, input);
  try {
    if (!statSync(path).isDirectory()) return false;
  } catch {
    return false;
  }
  const found = kustomizationIn(path, readFromDisk);
  return found !== undefined && !('kustomization' in found && found.kustomization.kind === 'Component');
}

export type { OverlayBuild };

export async function buildOverlay(input: string, cwd: string, model: ApiModel, options: OverlayOptions): Promise<OverlayBuild> {
  const folder = resolve(cwd, input);
  try {
    const render = await renderKustomization(folder, { engine: options.engine, kubectlPath: options.kubectlPath, model, read: readFromDisk });
    return { ok: true, render };
  } catch (error) {
    const found = kustomizationIn(folder, readFromDisk);
    const at = error instanceof RenderError && error.at ? error.at : { file: found?.path ?? folder, line: 0 };
    return { ok: false, error: error instanceof Error ? error.message : String(error), at };
  }
}

/** A source file as the user sees it: relative to the working folder. */
export function shownPath(file: string, cwd: string): string {
  return relative(cwd, file) || file;
}
