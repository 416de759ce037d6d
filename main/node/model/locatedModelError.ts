import path from 'node:path';
import { ModelError } from '../../../app/weights/modelError.js';

/** A ModelError from a weights folder, restated with the file's full path so the message stands on its own. */
export function locatedModelError(error: unknown, dir: string): unknown {
  if (!(error instanceof ModelError) || (error.file && path.isAbsolute(error.file))) return error;
  if (!error.file) return new ModelError(`${dir}: ${error.message}`, { file: dir, tensor: error.tensor });
  const full = path.join(dir, error.file);
  const rest = error.message.startsWith(`${error.file}:`) ? error.message.slice(error.file.length + 1) : ` ${error.message}`;
  return new ModelError(`${full}:${rest}`, { file: full, tensor: error.tensor });
}
