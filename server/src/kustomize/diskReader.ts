/** A {@link FileReader} over the disk: a file's text, undefined when it is missing, a folder or unreadable. */
import { readFileSync } from 'node:fs';
import type { FileReader } from './discovery';

/** Files above this size are not read (a kustomization or a patch is small; a huge file is not one). */
const MAX_BYTES = 8 * 1024 * 1024;

export const readFromDisk: FileReader = (path) => {
  try {
    const text = readFileSync(path, 'utf8');
    return text.length > MAX_BYTES ? undefined : text;
  } catch {
    return undefined;
  }
};
