import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ModelError } from '../../../app/weights/modelError.js';
import { defaultModelStoreDir } from '../paths.js';

/** The name of the VGG19 weights folder inside a model store. */
export const STORE_MODEL_FOLDER = 'vgg19';

/** The weights folder a folder stands for: itself when it holds model.json, else its vgg19/ when that does. */
export function weightsFolderIn(dir: string): string | null {
  if (existsSync(path.join(dir, 'model.json'))) return dir;
  const inStore = path.join(dir, STORE_MODEL_FOLDER);
  if (existsSync(path.join(inStore, 'model.json'))) return inStore;
  return null;
}

export type ModelDirOrigin = '--model' | 'PASTICHE_MODEL_DIR' | 'model store';

/**
 * Finds the weights folder to use: the folder given (a weights folder with model.json, or a model store
 * holding vgg19/), else PASTICHE_MODEL_DIR, else the user's model store. Throws a ModelError that says
 * what to do when there is none.
 */
export function resolveModelDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): { dir: string; origin: ModelDirOrigin } {
  const candidates: Array<[string | undefined, ModelDirOrigin]> = [
    [explicit, '--model'],
    [env.PASTICHE_MODEL_DIR, 'PASTICHE_MODEL_DIR'],
  ];
  for (const [dir, origin] of candidates) {
    if (!dir) continue;
    const abs = path.resolve(dir);
    if (!existsSync(abs)) throw new ModelError(`model folder ${abs} (${origin}) does not exist`);
    if (!statSync(abs).isDirectory()) throw new ModelError(`${abs} (${origin}) is not a folder; point it at the folder that holds model.json`);
    const found = weightsFolderIn(abs);
    if (!found) throw new ModelError(`${abs} (${origin}) holds no model.json (neither a weights folder nor a model store)`, { file: 'model.json' });
    return { dir: found, origin };
  }
  const store = defaultModelStoreDir(env);
  const found = weightsFolderIn(store);
  if (found) return { dir: found, origin: 'model store' };
  throw new ModelError(
    `no VGG19 weights found: run "pastiche model download", or pass --model DIR, or set PASTICHE_MODEL_DIR (looked in ${store})`,
  );
}
