import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { MAX_INPUT_PIXELS } from '../../node/image/decodeImage.js';
import { HostError } from '../hostError.js';
import { IMAGE_KIND_NAMES, sniffImage } from './imageSignature.js';

/** Larger files are refused before reading: no photo or painting a style transfer needs is this big. */
export const MAX_IMAGE_FILE_BYTES = 128 * 1024 * 1024;

export interface ImageBytes {
  name: string;
  bytes: Uint8Array;
}

const SUPPORTED = Object.values(IMAGE_KIND_NAMES).join(', ');
const megabytes = (n: number) => `${Math.ceil(n / (1024 * 1024))} MB`;

function checkSize(name: string, size: number): void {
  if (size === 0) throw new HostError(`"${name}" is empty (0 bytes), so it holds no image.`);
  if (size > MAX_IMAGE_FILE_BYTES) {
    throw new HostError(`"${name}" is ${megabytes(size)}; Pastiche opens images up to ${megabytes(MAX_IMAGE_FILE_BYTES)}.`);
  }
}

function readError(name: string, e: unknown): HostError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new HostError(`"${name}" no longer exists.`);
  if (code === 'EACCES' || code === 'EPERM') return new HostError(`Pastiche is not allowed to read "${name}".`);
  return new HostError(`"${name}" could not be read (${(e as Error).message}).`);
}

/** TIFF is not something Chromium decodes: hand the studio a PNG of its first page instead. */
async function tiffAsPng(name: string, bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).png().toBuffer();
  } catch (e) {
    throw new HostError(`"${name}" is a TIFF file that could not be read (${(e as Error).message}).`);
  }
}

/** Checks bytes that claim to be an image: size, and a signature of a supported format. */
export async function checkedImage(name: string, bytes: Uint8Array): Promise<ImageBytes> {
  checkSize(name, bytes.byteLength);
  const kind = sniffImage(bytes);
  if (!kind) throw new HostError(`"${name}" is not an image Pastiche can open (use ${SUPPORTED}).`);
  return { name, bytes: kind === 'tiff' ? await tiffAsPng(name, bytes) : bytes };
}

/** Reads an image file the user chose, refusing folders, empty or huge files and anything not an image. */
export async function readImageFile(file: string): Promise<ImageBytes> {
  const name = path.basename(file);
  const info = await stat(file).catch((e: unknown) => {
    throw readError(name, e);
  });
  if (info.isDirectory()) throw new HostError(`"${name}" is a folder, not an image.`);
  if (!info.isFile()) throw new HostError(`"${name}" is not a regular file.`);
  checkSize(name, info.size);
  const bytes = await readFile(file).catch((e: unknown) => {
    throw readError(name, e);
  });
  return checkedImage(name, bytes);
}
