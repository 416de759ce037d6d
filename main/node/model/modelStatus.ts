import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ModelStatus } from '../../../app/host/contract.js';
import { loadVggWeights } from '../../../app/weights/loadVggWeights.js';
import { folderWeightsSource } from './folderWeightsSource.js';
import { locatedModelError } from './locatedModelError.js';
import { manifestFiles } from './manifestFiles.js';
import { MODEL_CARD } from './modelCard.js';
import { weightsDirOf, type ModelStore } from './storeLayout.js';

async function folderBytes(dir: string): Promise<number> {
  const sizes = await Promise.all((await manifestFiles(dir)).map((f) => stat(path.join(dir, f)).then((s) => s.size)));
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * What a weights folder holds, read with the engine's loader: the VGG19 layers present (Caffe names) and whether
 * they stop before conv5_1. A folder the engine would reject throws its ModelError, with the full file path.
 */
export async function weightsFolderStatus(dir: string): Promise<ModelStatus> {
  const weights = await loadVggWeights(folderWeightsSource(dir)).catch((e: unknown) => {
    throw locatedModelError(e, dir);
  });
  const layers = weights.layers.map((l) => l.layer.name);
  return { state: 'ready', location: dir, layers, partial: !layers.includes(MODEL_CARD.install.upTo), bytes: await folderBytes(dir) };
}

/** The store's model: missing (location says where it will go), or ready with its layers. */
export async function modelStatus(store: ModelStore): Promise<ModelStatus> {
  const dir = weightsDirOf(store);
  if (!existsSync(path.join(dir, 'model.json'))) return { state: 'missing', location: dir, layers: [], partial: false };
  return weightsFolderStatus(dir);
}
