/**
 * Builds a kustomization folder with the engine chosen:
 * - `kubectl`: `kubectl kustomize` (exact; needs kubectl);
 * - `builtin`: the built-in builder (pure, fast, the subset README names);
 * - `auto`: kubectl when a kubectl is given and found, else built-in.
 * The built-in build also runs under kubectl (when it succeeds) to give
 * kubectl's documents their line map back to bases and patches.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ApiModel } from '../languageService/apiModel';
import type { RenderResult } from '../render/types';
import { RenderError } from '../render/types';
import type { KustomizeBuild, ParseCache } from './builder';
import { buildKustomization } from './builder';
import type { FileReader } from './discovery';
import { kubectlKustomize } from './kubectlEngine';

export type EngineChoice = 'auto' | 'kubectl' | 'builtin';

export interface RenderKustomizeOptions {
  engine: EngineChoice;
  /** The kubectl to run (a path, or a name looked up on PATH); undefined: kubectl may not be run. */
  kubectlPath?: string;
  timeoutMs?: number;
  model: ApiModel;
  read: FileReader;
  /** Parsed files kept between builds by the caller (see BuildOptions.cache). */
  cache?: ParseCache;
}

/** The executable a command name resolves to on PATH (or the path itself), when it exists. */
export function findExecutable(command: string, path = process.env.PATH ?? ''): string | undefined {
  const candidates = isAbsolute(command) || command.includes('/') ? [command] : path.split(delimiter).filter(Boolean).map((dir) => join(dir, command));
  const extensions = process.platform === 'win32' ? ['', '.exe', '.cmd'] : [''];
  for (const candidate of candidates) {
    for (const extension of extensions) {
      try {
        accessSync(candidate + extension, constants.X_OK);
        return candidate + extension;
      } catch {
        // not there: next
      }
    }
  }
  return undefined;
}

/** Builds the folder; rejects with RenderError when the chosen engine cannot. */
export async function renderKustomization(folder: string, options: RenderKustomizeOptions): Promise<RenderResult> {
  const kubectl = options.kubectlPath !== undefined && options.engine !== 'builtin' ? findExecutable(options.kubectlPath) : undefined;
  if (options.engine === 'kubectl' && !kubectl) throw new RenderError(options.kubectlPath === undefined ? 'the kubectl engine is not allowed here (an untrusted workspace runs no programs): trust the workspace, or use the builtin engine' : `kubectl not found: ${options.kubectlPath}; install it, set its path (daemonsetTools.kubectlPath, --kubectl), or use the builtin engine`);
  if (!kubectl) return buildKustomization(folder, { model: options.model, read: options.read, cache: options.cache });
  let builtin: KustomizeBuild | undefined;
  try {
    builtin = buildKustomization(folder, { model: options.model, read: options.read, cache: options.cache });
  } catch {
    builtin = undefined; // kubectl may build what the built-in engine cannot: its documents then have no line map
  }
  return kubectlKustomize(folder, { kubectlPath: kubectl, timeoutMs: options.timeoutMs }, builtin);
}
