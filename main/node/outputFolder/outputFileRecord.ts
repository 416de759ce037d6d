import { readFile } from 'node:fs/promises';
import type { FolderFile } from '../../../app/host/contract.js';
import { readRunMetadata } from '../metadata/readRunMetadata.js';
import { outputFilePath } from './writeOutputFile.js';

/**
 * Whether `name` is in the output folder and the run record it carries (the CLI's reader: PNG text chunk or
 * XMP). A file without a record, or whose record or image is damaged, exists with record null.
 */
export async function outputFileRecord(folder: string, name: string): Promise<FolderFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(outputFilePath(folder, name));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { exists: false };
    // A folder of that name: something is there, and it is no result.
    if (code === 'EISDIR') return { exists: true, record: null };
    throw e;
  }
  const record = await readRunMetadata(bytes).catch(() => null);
  return { exists: true, record };
}
