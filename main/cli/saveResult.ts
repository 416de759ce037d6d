import os from 'node:os';
import path from 'node:path';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { writeFileAtomic } from '../node/fs/atomicWrite.js';
import { OutputFileError } from '../node/fs/outputFileError.js';
import { encodeImage } from '../node/image/encodeImage.js';
import type { OutputFormat } from '../node/image/outputFormat.js';
import type { RunMetadata } from '../node/metadata/runMetadata.js';
import { writeRunMetadata } from '../node/metadata/writeRunMetadata.js';
import { CliError, EXIT } from './cliError.js';

export interface SaveOptions {
  format: OutputFormat;
  quality: number;
  overwrite: boolean;
  /** How the image was made, embedded in the file (see node/metadata/). */
  metadata?: RunMetadata;
}

/** A new file in the temp folder, for a result that could not go where the user asked. */
async function saveFallback(bytes: Uint8Array, out: string): Promise<string | null> {
  const { name, ext } = path.parse(out);
  const fallback = path.join(os.tmpdir(), `${name}-pastiche-${Date.now()}${ext}`);
  return writeFileAtomic(fallback, bytes).then(
    () => fallback,
    () => null,
  );
}

function problemText(e: OutputFileError): string {
  if (e.problem === 'exists') return `${e.file} was created by something else during the run and was left as it is`;
  return e.message;
}

/**
 * Encodes the result with its metadata and writes it atomically. Minutes of work are not thrown away when the write fails:
 * the result then goes to the temp folder and the error says where.
 */
export async function saveResult(image: RgbaImage, out: string, options: SaveOptions): Promise<void> {
  const encoded = await encodeImage(image, options.format, { quality: options.quality });
  const bytes = options.metadata ? writeRunMetadata(encoded, options.format, options.metadata) : encoded;
  try {
    await writeFileAtomic(out, bytes, { overwrite: options.overwrite });
  } catch (e) {
    if (!(e instanceof OutputFileError)) throw e;
    const fallback = await saveFallback(bytes, out);
    const kept = fallback ? `; the result was saved to ${fallback} instead` : '';
    throw new CliError(`${problemText(e)}${kept}`, EXIT.output);
  }
}
