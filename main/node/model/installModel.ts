import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelFiles } from '../../../app/host/contract.js';
import { loadVggWeights } from '../../../app/weights/loadVggWeights.js';
import { folderWeightsSource } from './folderWeightsSource.js';
import { locatedModelError } from './locatedModelError.js';
import { newStagingDir, tempDirOf, weightsDirOf, type ModelStore } from './storeLayout.js';

/** Fills a staging folder with a TensorFlow.js weights folder. */
export type StageFiles = (stagingDir: string) => Promise<void>;

export function writeModelFiles(files: ModelFiles): StageFiles {
  return async (dir) => {
    for (const [relative, bytes] of Object.entries(files)) {
      const file = path.join(dir, relative);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes);
    }
  };
}

/** Puts the staged folder at <store>/vgg19; the model there before stays in place until the new one is whole. */
async function swapIntoPlace(store: ModelStore, staging: string): Promise<void> {
  const target = weightsDirOf(store);
  const previous = path.join(tempDirOf(store), `previous-${path.basename(staging)}`);
  const hadModel = existsSync(target);
  if (hadModel) await rename(target, previous);
  try {
    await rename(staging, target);
  } catch (e) {
    if (hadModel) await rename(previous, target);
    throw e;
  }
  if (hadModel) await rm(previous, { recursive: true, force: true });
}

/**
 * Installs a weights folder atomically: stage fills a folder inside the store's temp area, the result is read back
 * with the engine's loader (so nothing the engine would reject is installed), then it is renamed into place.
 * Whatever fails, the staging folder is removed and the previous model is untouched. Call under withStoreLock.
 */
export async function installModel(store: ModelStore, stage: StageFiles): Promise<void> {
  const staging = await newStagingDir(store);
  try {
    await stage(staging);
    await loadVggWeights(folderWeightsSource(staging)).catch((e: unknown) => {
      throw locatedModelError(e, staging);
    });
    await swapIntoPlace(store, staging);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
