import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseManifest } from '../../../app/weights/manifest.js';
import { ModelError } from '../../../app/weights/modelError.js';
import { locatedModelError } from './locatedModelError.js';

/** The files of a TensorFlow.js weights folder: model.json and every shard its manifest lists. */
export async function manifestFiles(dir: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'model.json'), 'utf8');
  } catch (e) {
    throw new ModelError(`${path.join(dir, 'model.json')}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, {
      file: path.join(dir, 'model.json'),
    });
  }
  try {
    return ['model.json', ...new Set(parseManifest(text).flatMap((g) => g.paths))];
  } catch (e) {
    throw locatedModelError(e, dir);
  }
}
