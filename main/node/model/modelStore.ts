import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ModelFiles } from '../../../app/host/contract.js';
import { loadVggWeights } from '../../../app/weights/loadVggWeights.js';
import { ModelError } from '../../../app/weights/modelError.js';
import type { WeightsSource } from '../../../app/weights/weightsSource.js';
import { defaultModelStoreDir } from '../paths.js';
import { folderWeightsSource } from './folderWeightsSource.js';
import { locatedModelError } from './locatedModelError.js';
import { weightsFolderIn } from './resolveModelDir.js';
import { weightsDirOf, type ModelStore } from './storeLayout.js';
import { withStoreLock } from './storeLock.js';

export type { ModelStore } from './storeLayout.js';
export { modelStatus, weightsFolderStatus } from './modelStatus.js';
export { downloadModel, downloadPlan, type DownloadOptions, type DownloadPlan } from './downloadModel.js';
export { importModel, type ImportOptions } from './importModel.js';
export { ModelStoreError, type ModelStoreErrorKind } from './modelStoreError.js';
export { MODEL_CARD, defaultModelSource } from './modelCard.js';

/** The model store in a folder (the user data one by default). Nothing is created until something is installed. */
export function openModelStore(dir: string = defaultModelStoreDir()): ModelStore {
  return { dir: path.resolve(dir) };
}

function recording(source: WeightsSource, read: Map<string, Uint8Array>): WeightsSource {
  return {
    location: source.location,
    async readBytes(relative) {
      const bytes = await source.readBytes(relative);
      read.set(relative, bytes);
      return bytes;
    },
  };
}

function weightsDirFor(target: ModelStore | string): string {
  if (typeof target !== 'string') {
    const dir = weightsDirOf(target);
    if (!existsSync(path.join(dir, 'model.json'))) {
      throw new ModelError(`no VGG19 weights installed in ${target.dir}: run "pastiche model download" or "pastiche model import PATH"`, {
        file: path.join(dir, 'model.json'),
      });
    }
    return dir;
  }
  const dir = weightsFolderIn(path.resolve(target));
  if (!dir) throw new ModelError(`${path.resolve(target)}: holds no model.json (neither a weights folder nor a model store)`, { file: 'model.json' });
  return dir;
}

/**
 * The files the engine needs (model.json and the shards of the VGG layers), read after the engine's loader has
 * accepted them, for the host to hand to the renderer. Takes a store, or a folder (weights folder or store).
 */
export async function readModelFiles(target: ModelStore | string): Promise<ModelFiles> {
  const dir = weightsDirFor(target);
  const read = new Map<string, Uint8Array>();
  await loadVggWeights(recording(folderWeightsSource(dir), read)).catch((e: unknown) => {
    throw locatedModelError(e, dir);
  });
  return Object.fromEntries(read);
}

/** Removes the installed model (a partial download to resume stays). */
export async function removeModel(store: ModelStore): Promise<void> {
  await withStoreLock(store, () => rm(weightsDirOf(store), { recursive: true, force: true }));
}
