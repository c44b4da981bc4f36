/**
 * Which kustomization names a file as a patch. Kustomize reads patch files
 * relative to the kustomization that lists them; a file is a patch when a
 * kustomization in its own folder or a folder above names it under `patches`,
 * `patchesStrategicMerge` or `patchesJson6902`. The CLI asks for each checked
 * file, the language server for each open one, both through {@link FileReader}.
 */
import { basename, dirname, join, resolve } from 'node:path';
import type { DocumentRole } from '../languageService/diagnostics';
import type { Kustomization, PatchEntry, PatchTarget } from './kustomization';
import { KUSTOMIZATION_FILE_NAMES, parseKustomization } from './kustomization';

/** Reads a file's text, or undefined when there is none (the disk, or the editor's open documents first). */
export type FileReader = (path: string) => string | undefined;

/** How a file is applied: as a strategic-merge patch (a partial object) or as a JSON 6902 patch (a list of operations). */
export type PatchRole =
  | { kind: 'strategicMerge'; kustomization: string; target?: PatchTarget }
  | { kind: 'json6902'; kustomization: string; target?: PatchTarget };

/** The kustomization file of a folder, parsed, when the folder has one. */
export function kustomizationIn(folder: string, read: FileReader): { path: string; kustomization: Kustomization } | { path: string; error: string } | undefined {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const path = join(folder, name);
    const text = read(path);
    if (text === undefined) continue;
    const parsed = parseKustomization(text);
    return 'error' in parsed ? { path, error: parsed.error } : { path, kustomization: parsed };
  }
  return undefined;
}

/**
 * Whether a patch file's text is a JSON 6902 patch: Kustomize's `patches`
 * takes either kind from the same field and tells them apart by content
 * (a list of operations, in YAML or JSON, is a JSON patch).
 */
export function looksLikeJsonPatch(text: string): boolean {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '' && !line.trim().startsWith('#') && !/^---\s*$/.test(line));
  return first !== undefined && /^\s*(\[|-\s)/.test(first) && /\bop\b/.test(text);
}

/** A file's text: a string, or an edited document's chunks (joined only for a file a kustomization names). */
type Text = { toString(): string };

function entryRole(entry: PatchEntry, kustomization: string, text: Text): PatchRole {
  const json = entry.field === 'patchesJson6902' || (entry.field === 'patches' && looksLikeJsonPatch(text.toString()));
  return { kind: json ? 'json6902' : 'strategicMerge', kustomization, target: entry.target };
}

/** How far up the folders a kustomization naming the file is looked for. */
const MAX_LEVELS = 8;

/**
 * The role of the file at `path` (absolute) when a kustomization in its folder
 * or above names it as a patch; undefined for any other file.
 */
export function patchRoleOf(path: string, text: Text, read: FileReader): PatchRole | undefined {
  const file = resolve(path);
  let folder = dirname(file);
  for (let level = 0; level < MAX_LEVELS; level++) {
    const found = kustomizationIn(folder, read);
    if (found && 'kustomization' in found) {
      const entry = found.kustomization.patches.find((p) => p.path !== undefined && resolve(folder, p.path) === file);
      if (entry) return entryRole(entry, found.path, text);
    }
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return undefined;
}

/** The validation role of a file: how its documents are applied (undefined: whole objects). */
export function documentRoleOf(path: string, text: Text, read: FileReader): DocumentRole | undefined {
  const role = patchRoleOf(path, text, read);
  if (!role) return undefined;
  return role.kind === 'json6902' ? { kind: 'jsonPatch', targetKind: role.target?.kind } : { kind: 'strategicMergePatch' };
}

/**
 * The kustomization folder a file belongs to as a kustomization or a patch,
 * when it does: the overlay the editor previews for it, and `place` places.
 */
export function overlayFolderOf(path: string, read: FileReader): string | undefined {
  if ((KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(basename(path))) return dirname(path);
  // the file's own text is read only when a kustomization names it (a keystroke in a big manifest joins no text)
  const role = patchRoleOf(path, { toString: () => read(path) ?? '' }, read);
  return role ? dirname(role.kustomization) : undefined;
}
