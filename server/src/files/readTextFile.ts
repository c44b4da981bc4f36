/**
 * The one way the server and the command line read a file: open without
 * blocking, look at what was opened (fstat of the descriptor, so a symlink
 * swapped in between cannot fool it), refuse anything but a regular file of
 * at most `maxBytes`, and read at most `maxBytes + 1` bytes whatever the size
 * claimed. A FIFO would block the reader forever, `/dev/zero` never ends, a
 * directory is not text: each gets a message that says so instead.
 */
import type { Stats } from 'node:fs';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { MAX_PROFILE_BYTES } from '../languageService/profiles/readProfile';

/** Largest file read: manifests and profiles (a kubectl capture of a big cluster stays well below). */
export const MAX_FILE_BYTES = MAX_PROFILE_BYTES;

export interface ReadFailure {
  ok: false;
  reason: 'missing' | 'not-a-file' | 'too-large' | 'unreadable';
  message: string;
}

export type FileReadResult = { ok: true; text: string; mtimeMs: number } | ReadFailure;

export interface ReadOptions {
  /** Defaults to {@link MAX_FILE_BYTES}. */
  maxBytes?: number;
}

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer (0 where the platform has none).
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Reads a UTF-8 text file with the checks above. Never throws, never blocks on a special file. */
export function readTextFile(path: string, options: ReadOptions = {}): FileReadResult {
  const read = readFileBytes(path, options);
  return read.ok ? { ok: true, text: read.bytes.toString('utf8'), mtimeMs: read.mtimeMs } : read;
}

/** The bytes of a file (a chart's `.Files`), with the same checks as {@link readTextFile}. */
export function readFileBytes(path: string, options: ReadOptions = {}): { ok: true; bytes: Buffer; mtimeMs: number } | ReadFailure {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (error) {
    return failure(error);
  }
  try {
    const stats = fstatSync(fd);
    const refused = refusal(stats, maxBytes);
    if (refused) return refused;
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) return tooLarge(maxBytes); // it grew past the limit while we read
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { ok: true, bytes: buffer.subarray(0, length), mtimeMs: stats.mtimeMs };
  } catch (error) {
    return failure(error);
  } finally {
    closeSync(fd);
  }
}

/** {@link readTextFile} without blocking the event loop (the workspace scan). */
export async function readTextFileAsync(path: string, options: ReadOptions = {}): Promise<FileReadResult> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  let handle;
  try {
    handle = await open(path, FLAGS);
  } catch (error) {
    return failure(error);
  }
  try {
    const stats = await handle.stat();
    const refused = refusal(stats, maxBytes);
    if (refused) return refused;
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) return tooLarge(maxBytes);
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return { ok: true, text: buffer.toString('utf8', 0, length), mtimeMs: stats.mtimeMs };
  } catch (error) {
    return failure(error);
  } finally {
    await handle.close();
  }
}

/** What the path is, in words, when it is not a regular file. */
function kindOf(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refusal(stats: Stats, maxBytes: number): ReadFailure | undefined {
  const kind = kindOf(stats);
  if (kind) return { ok: false, reason: 'not-a-file', message: `${kind}, not a regular file: not read` };
  if (stats.size > maxBytes) return tooLarge(maxBytes);
  return undefined;
}

function tooLarge(maxBytes: number): ReadFailure {
  return { ok: false, reason: 'too-large', message: `larger than ${formatSize(maxBytes)}: not read` };
}

function failure(error: unknown): ReadFailure {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message: 'no such file' };
  if (code === 'EISDIR') return { ok: false, reason: 'not-a-file', message: 'a directory, not a regular file: not read' };
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: 'unreadable', message: 'permission denied' };
  return { ok: false, reason: 'unreadable', message: code ?? String(error) };
}

/** `64 MB`, `1 MB`, `512 KB`. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
