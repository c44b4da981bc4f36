/**
 * The exact engine: `kubectl kustomize <folder>` (kubectl embeds Kustomize).
 * Runs the kubectl the user names (a setting or a flag), with a timeout and
 * a bound on its output; its documents get the line map of the built-in
 * build when that succeeds (values matched by path, list items by name), so
 * findings still point at base and patch lines.
 */
import { execFile } from 'node:child_process';
import type { RenderResult } from '../render/types';
import { RenderError } from '../render/types';
import type { KustomizeBuild } from './builder';
import { kindOf, nameOf, namespaceOf } from './transformers';
import type { JsonObject } from './tree';
import { isObject, lineMapOf, parseTrees } from './tree';

export interface KubectlOptions {
  /** The kubectl binary (a path or a name on PATH). */
  kubectlPath: string;
  timeoutMs?: number;
}

const MAX_OUTPUT = 64 * 1024 * 1024;

/** Splits kubectl's output into documents (it prints `---` between them). */
function splitDocuments(text: string): string[] {
  return text.split(/^---[ \t]*\r?\n/m).filter((d) => d.trim() !== '');
}

/** Runs `kubectl kustomize <folder>`; resolves to its documents, rejects with RenderError. */
export function kubectlKustomize(folder: string, options: KubectlOptions, builtin?: KustomizeBuild): Promise<RenderResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(options.kubectlPath, ['kustomize', folder], { timeout: options.timeoutMs ?? 20_000, maxBuffer: MAX_OUTPUT, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${options.kubectlPath} was not found` : error.killed ? `kubectl kustomize did not finish within ${(options.timeoutMs ?? 20_000) / 1000} s` : (stderr.trim().split('\n').filter((l) => !l.startsWith('# Warning')).join('\n') || error.message);
        // kubectl's own words say what is wrong; the last clause says where to act
        reject(new RenderError(`kubectl kustomize ${folder}: ${reason}; correct the kustomization, or set the engine to builtin`));
        return;
      }
      // kubectl prints its deprecation notes on stderr as `# Warning: …` lines
      const warnings = stderr.split('\n').filter((l) => l.startsWith('# Warning:')).map((l) => l.replace(/^# Warning:\s*/, ''));
      resolvePromise({ documents: splitDocuments(stdout).map((text) => mapped(text, builtin)), engine: 'kubectl', warnings });
    });
  });
}

/** A kubectl document with the line map of the same object in the built-in build, when there is one. */
function mapped(text: string, builtin: KustomizeBuild | undefined) {
  let object: JsonObject | undefined;
  try {
    const value = parseTrees(text, 'kubectl')[0]?.value;
    object = isObject(value) ? value : undefined;
  } catch {
    object = undefined;
  }
  const meta = object && isObject(object.metadata) ? object.metadata : {};
  const twin = builtin?.resources.find((r) => kindOf(r) === object?.kind && nameOf(r) === meta.name && (namespaceOf(r) ?? '') === (typeof meta.namespace === 'string' ? meta.namespace : ''));
  const lineMap = twin ? lineMapOf(text, twin.object) : new Array<undefined>(text.split('\n').length).fill(undefined);
  return { text, origin: twin?.origin ?? { file: '', line: 0 }, lineMap };
}
