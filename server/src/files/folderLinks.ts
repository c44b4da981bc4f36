/**
 * A folder being checked (`daemonset-tools check <folder>`, the workspace scan)
 * may hold symbolic links. One that resolves outside the folder is never
 * followed: a repository must not make the tool read `/dev/zero`, a FIFO or a
 * file elsewhere on the machine by committing `zero.yaml -> /dev/zero`.
 */
import { realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';

/** Whether `target` (a real path) is `root` (a real path) or below it. */
export function isInside(root: string, target: string): boolean {
  const path = relative(root, target);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

export const LINK_OUTSIDE = 'a symbolic link to a file outside the folder: not followed';

/** Undefined when the link at `path` resolves inside `realRoot`, else why it is not followed. */
export function linkRefusal(path: string, realRoot: string): string | undefined {
  try {
    return isInside(realRoot, realpathSync(path)) ? undefined : LINK_OUTSIDE;
  } catch {
    return 'a symbolic link that resolves to nothing: not followed';
  }
}

/** {@link linkRefusal} without blocking the event loop. */
export async function linkRefusalAsync(path: string, realRoot: string): Promise<string | undefined> {
  try {
    return isInside(realRoot, await realpath(path)) ? undefined : LINK_OUTSIDE;
  } catch {
    return 'a symbolic link that resolves to nothing: not followed';
  }
}
