/**
 * Reading a file the user named (a DfE CSV, a release, a council's SSDA903 return) with bounds: only a
 * regular file, after following symlinks (a link to a file is fine; a link to /dev/zero, a FIFO or a
 * directory is not), and at most a cap of bytes (default 512 MiB, CIC_MAX_INPUT_BYTES), counted while
 * reading as well, since a file can grow, or report size 0 and still have content, after it was checked.
 * The largest DfE input is about 40 MB.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

export const DEFAULT_MAX_INPUT_BYTES = 512 * 1024 * 1024;

export class InputFileError extends Error {}

const size = (bytes: number): string => (bytes < 1024 * 1024 ? `${bytes} bytes` : `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`);

/** The cap from CIC_MAX_INPUT_BYTES (bytes), else the default; a value that is not a whole number above 0 is refused. */
export function maxInputBytes(env: Record<string, string | undefined> = process.env): number {
  const text = env.CIC_MAX_INPUT_BYTES;
  if (text === undefined || text === '') return DEFAULT_MAX_INPUT_BYTES;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InputFileError(`CIC_MAX_INPUT_BYTES is not a whole number of bytes above 0: "${text.slice(0, 40)}"`);
  return n;
}

function kind(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const CHUNK = 1024 * 1024;

/** The whole file, or an InputFileError naming it: not a regular file, or over `maxBytes`. */
export function readInputFile(path: string, maxBytes: number = maxInputBytes()): Buffer {
  // O_NONBLOCK: opening a FIFO would otherwise wait for a writer before fstat could refuse it.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    // fstat of the opened file: the symlink's target, and the very file read below (no swap in between).
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputFileError(`${path} is ${kind(st)}, not a regular file; give the file itself`);
    const tooBig = (): InputFileError =>
      new InputFileError(`${path} is larger than ${size(maxBytes)}, the most cic reads from one file (set CIC_MAX_INPUT_BYTES to allow more)`);
    if (st.size > maxBytes) throw tooBig();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes - total + 1));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooBig();
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
