import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { WeightsSource } from '../../../app/weights/weightsSource.js';

/** Reads a TensorFlow.js weights folder from disk. */
export function folderWeightsSource(dir: string): WeightsSource {
  const root = path.resolve(dir);
  return {
    location: root,
    async readBytes(relative) {
      const file = path.resolve(root, relative);
      if (path.relative(root, file).startsWith('..')) throw new Error(`${relative} is outside ${root}`);
      try {
        const buf = await readFile(file);
        return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new Error(code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : (e as Error).message);
      }
    },
  };
}
