import { open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { existsError, tempPathFor } from './atomicWrite.js';
import { OutputFileError, describeWriteError } from './outputFileError.js';

/** Creates and removes an empty file next to `target`: the only test of writability that file systems cannot fool. */
async function probeFolder(target: string): Promise<void> {
  const probe = tempPathFor(target);
  try {
    await (await open(probe, 'wx')).close();
  } catch (e) {
    throw describeWriteError(target, e);
  }
  await rm(probe, { force: true });
}

/**
 * Checks, before any long work, that `file` could be written: it is not a folder, it does not exist
 * (unless `overwrite`), and its folder exists and accepts a new file.
 */
export async function checkOutputPath(file: string, options: { overwrite?: boolean } = {}): Promise<void> {
  const target = path.resolve(file);
  const existing = await stat(target).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw describeWriteError(target, e);
  });
  if (existing?.isDirectory()) throw new OutputFileError(target, 'is-folder', `cannot write ${target}: it is a folder`);
  if (existing && !options.overwrite) throw existsError(target);
  await probeFolder(target);
}
