import { readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ModelStoreError } from './modelStoreError.js';
import { ensureTempDir, tempDirOf, tidyTempDir, weightsDirOf, type ModelStore } from './storeLayout.js';

const LOCK = 'lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function acquire(store: ModelStore): Promise<string> {
  const file = path.join(await ensureTempDir(store), LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && processAlive(holder)) {
      throw new ModelStoreError(
        `the model store ${store.dir} is busy: process ${holder} is downloading or importing a model (if no Pastiche is running, delete ${file})`,
        'busy',
      );
    }
    await unlink(file).catch(() => undefined);
  }
  throw new ModelStoreError(`the model store ${store.dir} is busy: cannot take its lock ${file}`, 'busy');
}

/**
 * Finishes what a crash left: a previous model moved aside for an install that never completed goes back
 * into place; abandoned staging folders are removed. Partial downloads stay, to be resumed.
 */
async function recover(store: ModelStore): Promise<void> {
  const temp = tempDirOf(store);
  for (const name of await readdir(temp)) {
    const full = path.join(temp, name);
    if (name.startsWith('previous-') && !existsSync(weightsDirOf(store))) await rename(full, weightsDirOf(store));
    else if (name.startsWith('previous-') || name.startsWith('staging-')) await rm(full, { recursive: true, force: true });
  }
}

/** Runs fn while holding the store's lock (one download or import at a time, across processes). */
export async function withStoreLock<T>(store: ModelStore, fn: () => Promise<T>): Promise<T> {
  const lock = await acquire(store);
  try {
    await recover(store);
    return await fn();
  } finally {
    await unlink(lock).catch(() => undefined);
    await tidyTempDir(store);
  }
}
