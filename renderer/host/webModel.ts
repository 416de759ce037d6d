import { loadVggWeights, memoryWeightsSource } from '../../app/index.js';
import type { ModelFiles, ModelStatus } from '../../app/host/contract.js';
import { parseManifest } from '../../app/weights/manifest.js';

/** The layer that completes the weights the studio can use; without it a model is a partial prefix. */
const LAST_LAYER = 'conv5_1';

/** Where the web build finds its weights: the page's `model` query parameter, else models/vgg19/model.json beside it. */
export function modelUrl(page: URL): URL {
  return new URL(page.searchParams.get('model') || 'models/vgg19/model.json', page);
}

/** Thrown when nothing is served at the model URL (the studio then shows its first-run panel). */
export class ModelNotFound extends Error {}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new ModelNotFound(`${url.href} cannot be reached`);
  }
  if (response.status === 404) throw new ModelNotFound(`${url.href} was not found`);
  if (!response.ok) throw new Error(`${url.href} answered ${response.status} ${response.statusText}`.trim());
  return new Uint8Array(await response.arrayBuffer());
}

/** Fetches model.json and every shard it lists, keyed by the paths model.json uses. */
export async function fetchModelFiles(manifestUrl: URL): Promise<ModelFiles> {
  const manifest = await fetchBytes(manifestUrl);
  const groups = parseManifest(new TextDecoder().decode(manifest));
  const files: ModelFiles = { 'model.json': manifest };
  for (const path of groups.flatMap((g) => g.paths)) {
    files[path] = await fetchBytes(new URL(path, manifestUrl)).catch((e: unknown) => {
      throw e instanceof ModelNotFound ? new Error(`model.json lists ${path}, but ${e.message}`) : e;
    });
  }
  return files;
}

/** Reads the weights with the engine's own loader and describes them. Throws ModelError when unusable. */
export async function statusOfFiles(files: ModelFiles, location: string): Promise<ModelStatus> {
  const weights = await loadVggWeights(memoryWeightsSource(new Map(Object.entries(files)), location));
  const layers = weights.layers.map((l) => l.layer.name);
  const bytes = Object.values(files).reduce((n, f) => n + f.byteLength, 0);
  return { state: 'ready', location, layers, partial: !layers.includes(LAST_LAYER), bytes };
}

/** Files the user picked (model.json and its shards), keyed by file name as model.json refers to them. */
export async function modelFilesFromPicked(picked: ReadonlyArray<{ name: string; bytes: Uint8Array }>): Promise<ModelFiles> {
  const files: ModelFiles = {};
  for (const f of picked) files[f.name] = f.bytes;
  if (!files['model.json']) throw new Error('Choose the model.json file together with its .bin shard files.');
  return files;
}
