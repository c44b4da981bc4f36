/** A {@link FileReader} over the disk: a file's text, undefined when it is missing, a folder or unreadable. */
import { readTextFile } from '../files/readTextFile';
import type { FileReader } from './discovery';

/** Files above this size are not read (a kustomization or a patch is small; a huge file is not one). */
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * Through the one bounded reader (files/readTextFile.ts): every folder above
 * a manifest is searched for a kustomization, so a FIFO or `/dev/zero` named
 * `kustomization.yaml` there must neither block nor fill memory.
 */
export const readFromDisk: FileReader = (path) => {
  const read = readTextFile(path, { maxBytes: MAX_BYTES });
  return read.ok ? read.text : undefined;
};
