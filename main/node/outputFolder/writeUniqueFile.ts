import path from 'node:path';
import type { FolderWriteResult } from '../../../app/host/contract.js';
import { writeFileAtomic } from '../fs/atomicWrite.js';
import { OutputFileError } from '../fs/outputFileError.js';
import { outputFilePath } from './writeOutputFile.js';

/** Past this many results of the same name in one folder, something else is wrong. */
export const MAX_NAME_TRIES = 1000;

/** "photo-style.png", then "photo-style (2).png", "photo-style (3).png", … as browsers name repeated downloads. */
export function numberedName(name: string, n: number): string {
  if (n === 1) return name;
  const ext = path.extname(name);
  return `${name.slice(0, name.length - ext.length)} (${n})${ext}`;
}

/**
 * Writes a result into `folder` under `name`, or under the first numbered name not taken there, atomically
 * (temp file, then a link that fails if the name appeared meanwhile): no file is ever replaced.
 */
export async function writeUniqueFile(folder: string, name: string, bytes: Uint8Array): Promise<FolderWriteResult & { saved: true }> {
  for (let n = 1; n <= MAX_NAME_TRIES; n++) {
    const file = outputFilePath(folder, numberedName(name, n));
    try {
      await writeFileAtomic(file, bytes, { overwrite: false });
      return { saved: true, displayPath: file };
    } catch (e) {
      if (!(e instanceof OutputFileError && e.problem === 'exists')) throw e;
    }
  }
  throw new OutputFileError(path.join(folder, name), 'failed', `${folder} already holds ${MAX_NAME_TRIES} files named like “${name}”; choose a folder for the batch.`);
}
