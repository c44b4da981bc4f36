/**
 * Which cluster profile files the server may read. A profile path comes from
 * a setting or from the client's request, and in an untrusted workspace
 * (VS Code's Restricted Mode) the repository itself may have written that
 * setting: there only files inside a workspace folder are read, after every
 * symlink is resolved, so `../outside`, `/etc/…` or a link out of the
 * workspace cannot make the server read (and show, through completion and
 * the view) a file the user never opened. The built-in sample is always allowed.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/** What the client told the server about the workspace. */
export interface WorkspaceAccess {
  /** Whether the user trusts the workspace (false when the client never said: fail closed). */
  trusted: boolean;
  /** Absolute paths of the workspace folders. */
  folders: string[];
}

export type ProfileAccess = { kind: 'allowed'; path: string } | { kind: 'refused'; message: string };

/** Whether `path` is `folder` itself or lies below it (both absolute). */
function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel.split(/[\\/]/)[0] !== '..' && !isAbsolute(rel);
}

/** The real path (symlinks resolved), or undefined when it does not exist. */
function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Decides whether the server may read the profile at `path`. Trusted: any
 * path, as given. Untrusted: a relative path counts from the first workspace
 * folder; the file, its symlinks resolved, must lie inside a workspace folder
 * (also resolved). A file that does not exist is allowed when its path is
 * inside: reading it then fails with the usual "cannot read" message.
 */
export function checkProfilePath(path: string, access: WorkspaceAccess): ProfileAccess {
  if (access.trusted) return { kind: 'allowed', path };
  const refused = (why: string): ProfileAccess => ({
    kind: 'refused',
    message: `Restricted Mode: the cluster profile ${path} ${why}, so it is not read. Trust the workspace to use it, or pick a profile inside the workspace (the built-in sample profile is used meanwhile).`,
  });
  if (access.folders.length === 0) return refused('cannot be checked against a workspace folder (none is open)');
  const absolute = resolve(access.folders[0], path);
  if (!access.folders.some((folder) => isInside(resolve(folder), absolute))) return refused('is outside the workspace folders');
  const real = realPath(absolute);
  if (real === undefined) return { kind: 'allowed', path: absolute };
  const realFolders = access.folders.map((folder) => realPath(folder) ?? resolve(folder));
  if (!realFolders.some((folder) => isInside(folder, real))) return refused(`links to ${real}, outside the workspace folders`);
  return { kind: 'allowed', path: real };
}
