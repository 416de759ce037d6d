import { randomBytes } from 'node:crypto';
import { link, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { OutputFileError, describeWriteError } from './outputFileError.js';

export interface WriteOptions {
  /** Replace an existing file (default: refuse). */
  overwrite?: boolean;
}

/** A hidden temp file next to `file`: in the same folder, so the final rename never crosses file systems. */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

export function existsError(file: string): OutputFileError {
  return new OutputFileError(file, 'exists', `${file} already exists`);
}

async function writeTemp(temp: string, bytes: Uint8Array): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle?.close();
  }
}

/** Cleanup that must not hide the error being reported (the temp file may never have been created). */
async function removeQuietly(file: string): Promise<void> {
  await rm(file, { force: true }).catch(() => undefined);
}

/** Moves `temp` to `file` only if `file` does not exist, without a window in which another writer could be clobbered. */
async function publishNew(temp: string, file: string): Promise<void> {
  try {
    await link(temp, file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw existsError(file);
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw e;
    if (await stat(file).then(() => true, () => false)) throw existsError(file);
    await rename(temp, file);
    return;
  }
  await rm(temp, { force: true });
}

/**
 * Writes a file all at once: the bytes go to a temp file in the same folder, which is then renamed into
 * place, so the file is either absent, the old one, or the complete new one. An existing file is only
 * replaced with `overwrite`. The temp file is removed whatever fails.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
  const target = path.resolve(file);
  const temp = tempPathFor(target);
  try {
    await writeTemp(temp, bytes);
    if (options.overwrite) await rename(temp, target);
    else await publishNew(temp, target);
  } catch (e) {
    await removeQuietly(temp);
    throw describeWriteError(target, e);
  }
}
