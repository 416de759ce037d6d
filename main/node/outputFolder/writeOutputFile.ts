import path from 'node:path';
import type { FolderWriteResult } from '../../../app/host/contract.js';
import { writeFileAtomic } from '../fs/atomicWrite.js';
import { OutputFileError } from '../fs/outputFileError.js';
import { outputFileNameProblem } from './outputFileName.js';

/** `folder`/`name` for a name already checked to be a plain file name (never a path out of the folder). */
export function outputFilePath(folder: string, name: string): string {
  const problem = outputFileNameProblem(name);
  if (problem) throw new OutputFileError(path.join(folder, name), 'failed', `Cannot use “${name}” in ${folder}: ${problem}.`);
  return path.join(folder, name);
}

/**
 * Writes a result into the folder the user chose, atomically (temp file, then rename), never replacing a
 * file: an existing name is reported as `exists`. Other failures (read-only folder, full disk) are thrown.
 */
export async function writeOutputFile(folder: string, name: string, bytes: Uint8Array): Promise<FolderWriteResult> {
  const file = outputFilePath(folder, name);
  try {
    await writeFileAtomic(file, bytes, { overwrite: false });
  } catch (e) {
    if (e instanceof OutputFileError && e.problem === 'exists') return { saved: false, reason: 'exists' };
    throw e;
  }
  return { saved: true, displayPath: file };
}
