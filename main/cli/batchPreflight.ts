import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkOutputPath } from '../node/fs/checkOutputPath.js';
import { OutputFileError } from '../node/fs/outputFileError.js';
import { decodeImageFile } from '../node/image/decodeImage.js';
import { ImageFileError } from '../node/image/imageFileError.js';
import type { OutputFormat } from '../node/image/outputFormat.js';
import { INPUT_EXTENSIONS, listBatchItems, type BatchList } from './batchItems.js';
import type { BatchOptions } from './batchOptions.js';
import { CliError, EXIT } from './cliError.js';

export interface BatchPlan extends BatchList {
  inputDir: string;
  outDir: string;
  format: OutputFormat;
}

async function checkFolder(flag: string, dir: string, exitCode: number, missing: string): Promise<void> {
  const found = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new CliError(`${flag} ${dir}: ${missing}`, exitCode);
    throw new CliError(`${flag} ${dir}: cannot be read (${e.message})`, exitCode);
  });
  if (!found.isDirectory()) throw new CliError(`${flag} ${dir}: not a folder`, exitCode);
}

async function checkSeparateFolders(inputDir: string, outDir: string): Promise<void> {
  if ((await realpath(inputDir)) === (await realpath(outDir))) {
    throw new CliError('--out must be another folder than --input: results written there would be taken for photos on the next run', EXIT.input);
  }
}

/** Probes the output folder with a file of the first result's name: the only test of writability file systems cannot fool. */
async function checkWritable(output: string): Promise<void> {
  try {
    await checkOutputPath(output, { overwrite: true });
  } catch (e) {
    if (e instanceof OutputFileError) throw new CliError(e.message, EXIT.output);
    throw e;
  }
}

/** Each style image is decoded once up front, so a bad one stops the batch before any work rather than failing every photo. */
async function checkStyles(styles: readonly string[]): Promise<void> {
  for (const [i, file] of styles.entries()) {
    const role = styles.length > 1 ? `style image ${i + 1}` : 'style image';
    await decodeImageFile(file, { longestSide: 16 }).catch((e: unknown) => {
      if (e instanceof ImageFileError) throw new CliError(`${role} ${e.message}`, EXIT.input);
      throw e;
    });
  }
}

/**
 * Everything `pastiche batch` can check before the model loads: the folders, the photos in the input
 * folder and where their results go, that the output folder takes files, and the style images.
 */
export async function prepareBatch(o: BatchOptions): Promise<BatchPlan> {
  const inputDir = path.resolve(o.input);
  const outDir = path.resolve(o.out);
  await checkFolder('--input', inputDir, EXIT.input, 'folder not found');
  await checkFolder('--out', outDir, EXIT.output, 'folder not found (create it first)');
  await checkSeparateFolders(inputDir, outDir);
  const format: OutputFormat = o.format === 'jpg' ? 'jpeg' : o.format;
  const list = await listBatchItems(inputDir, outDir, o.style, format);
  if (list.items.length === 0) throw new CliError(`--input ${inputDir}: no images in the folder (looked for ${INPUT_EXTENSIONS.join(' ')})`, EXIT.input);
  await checkWritable(list.items[0]!.output);
  await checkStyles(o.style);
  return { ...list, inputDir, outDir, format };
}
