import { mkdir, mkdtemp, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { STORE_MODEL_FOLDER } from './resolveModelDir.js';

/** A model store: a folder holding vgg19/ (model.json and shards) and, while it works, a hidden temp area. */
export interface ModelStore {
  readonly dir: string;
}

const TEMP_FOLDER = '.pastiche-tmp';

export function weightsDirOf(store: ModelStore): string {
  return path.join(store.dir, STORE_MODEL_FOLDER);
}

/** Where downloads, staging folders and the lock live: inside the store, so renames stay on one file system. */
export function tempDirOf(store: ModelStore): string {
  return path.join(store.dir, TEMP_FOLDER);
}

export interface PartialDownload {
  /** The bytes received so far. */
  data: string;
  /** What they are (URL, validators, total size), to resume with HTTP Range. */
  meta: string;
}

export function partialDownloadOf(store: ModelStore, key: string): PartialDownload {
  const base = path.join(tempDirOf(store), `download-${key}`);
  return { data: `${base}.part`, meta: `${base}.json` };
}

export async function ensureTempDir(store: ModelStore): Promise<string> {
  const dir = tempDirOf(store);
  await mkdir(dir, { recursive: true });
  return dir;
}

export async function newStagingDir(store: ModelStore): Promise<string> {
  return mkdtemp(path.join(await ensureTempDir(store), 'staging-'));
}

/** Removes the temp area when nothing is left in it (a partial download to resume keeps it). */
export async function tidyTempDir(store: ModelStore): Promise<void> {
  try {
    await rmdir(tempDirOf(store));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
  }
}
