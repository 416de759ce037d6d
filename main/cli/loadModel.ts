import { loadVggWeights, type VggWeights } from '../../app/weights/loadVggWeights.js';
import { ModelError } from '../../app/weights/modelError.js';
import { folderWeightsSource } from '../node/model/folderWeightsSource.js';
import { resolveModelDir, type ModelDirOrigin } from '../node/model/resolveModelDir.js';
import { CliError, EXIT } from './cliError.js';

export interface LoadedModel {
  weights: VggWeights;
  dir: string;
  origin: ModelDirOrigin;
}

/** Finds and reads the VGG19 weights; a missing or corrupt model is a CliError with the model exit code. */
export async function loadModel(explicit: string | undefined): Promise<LoadedModel> {
  let found: { dir: string; origin: ModelDirOrigin };
  try {
    found = resolveModelDir(explicit);
  } catch (e) {
    if (e instanceof ModelError) throw new CliError(e.message, EXIT.model);
    throw e;
  }
  try {
    return { weights: await loadVggWeights(folderWeightsSource(found.dir)), ...found };
  } catch (e) {
    if (e instanceof ModelError) throw new CliError(`the model in ${found.dir} cannot be used: ${e.message}`, EXIT.model);
    throw e;
  }
}
