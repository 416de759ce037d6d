import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ModelStatus } from '../../../app/host/contract.js';
import { loadVggWeights } from '../../../app/weights/loadVggWeights.js';
import { ModelError } from '../../../app/weights/modelError.js';
import { encodeTfjsWeights } from './encodeTfjsWeights.js';
import { folderWeightsSource } from './folderWeightsSource.js';
import { installModel, writeModelFiles, type StageFiles } from './installModel.js';
import { readKerasH5 } from './kerasH5.js';
import { locatedModelError } from './locatedModelError.js';
import { manifestFiles } from './manifestFiles.js';
import { modelStatus } from './modelStatus.js';
import { ModelStoreError } from './modelStoreError.js';
import { weightsFolderIn } from './resolveModelDir.js';
import type { ModelStore } from './storeLayout.js';
import { withStoreLock } from './storeLock.js';

export interface ImportOptions {
  /** Install float16 weights (half the size). */
  float16?: boolean;
}

/** A Keras .h5 file, or the weights folder a path names (the folder, its model.json, or a store holding vgg19/). */
async function classify(source: string): Promise<{ h5: string } | { folder: string }> {
  const info = await stat(source).catch((e: NodeJS.ErrnoException) => {
    throw new ModelStoreError(`${source}: ${e.code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${e.code ?? e.message})`}`, 'input');
  });
  if (info.isFile() && path.basename(source) === 'model.json') return { folder: path.dirname(source) };
  if (info.isFile()) return { h5: source };
  const folder = weightsFolderIn(source);
  if (!folder) {
    throw new ModelError(`${source}: holds no model.json; import a TensorFlow.js weights folder or a Keras .h5 file`, { file: path.join(source, 'model.json') });
  }
  return { folder };
}

function copyFolder(dir: string, files: string[]): StageFiles {
  return async (staging) => {
    for (const relative of files) {
      const target = path.join(staging, relative);
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(path.join(dir, relative), target).catch((e: NodeJS.ErrnoException) => {
        const file = path.join(dir, relative);
        throw new ModelError(`${file}: cannot be read (${e.code === 'ENOENT' ? 'file not found' : (e.code ?? e.message)}); model.json lists it`, { file });
      });
    }
  };
}

/** Validates a TensorFlow.js weights folder with the engine's loader; copies it, or re-encodes it as float16. */
async function folderStage(dir: string, options: ImportOptions): Promise<StageFiles> {
  const weights = await loadVggWeights(folderWeightsSource(dir)).catch((e: unknown) => {
    throw locatedModelError(e, dir);
  });
  if (options.float16) return writeModelFiles(encodeTfjsWeights(weights.layers, { float16: true, convertedFrom: path.basename(dir) }));
  return copyFolder(dir, await manifestFiles(dir));
}

async function h5Stage(file: string, options: ImportOptions): Promise<StageFiles> {
  const layers = await readKerasH5(file);
  return writeModelFiles(encodeTfjsWeights(layers, { float16: options.float16, convertedFrom: path.basename(file) }));
}

/**
 * Installs weights from a local Keras .h5 file (converted like a download) or a TensorFlow.js weights folder
 * (checked with the engine's loader, then copied), atomically into <store>/vgg19. Bad input is a ModelError
 * naming the file and tensor, and leaves the store as it was.
 */
export async function importModel(store: ModelStore, sourcePath: string, options: ImportOptions = {}): Promise<ModelStatus> {
  const source = await classify(path.resolve(sourcePath));
  const stage = 'h5' in source ? await h5Stage(source.h5, options) : await folderStage(source.folder, options);
  await withStoreLock(store, () => installModel(store, stage));
  return modelStatus(store);
}
