import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { HostError } from '../hostError.js';
import { IMAGE_KIND_NAMES, sniffImage, type ImageKind } from './imageSignature.js';

/** Larger files are refused before reading: no photo or painting a style transfer needs is this big. */
export const MAX_IMAGE_FILE_BYTES = 128 * 1024 * 1024;

/**
 * The most pixels the studio decodes (renderer/image/decodeImage.ts MAX_PIXELS, kept equal by a test): a larger
 * image is refused here, from its header, before its bytes cross to the renderer. A flat 20000×20000 PNG is 1 MB.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

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
    return await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).png().toBuffer();
  } catch (e) {
    throw new HostError(`"${name}" is a TIFF file that could not be read (${(e as Error).message}).`);
  }
}

/** Reads the width and height from the header (sharp decodes no pixels for this); BMP, which sharp does not read, is left to the studio. */
async function checkDimensions(name: string, kind: ImageKind, bytes: Uint8Array): Promise<void> {
  if (kind === 'bmp') return;
  // No pixel limit here: sharp would refuse a huge header as "corrupt", and the size is checked below in words.
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata().catch(() => null);
  if (!meta) throw new HostError(`"${name}" is damaged or incomplete: its ${IMAGE_KIND_NAMES[kind]} header cannot be read.`);
  if (meta.width * meta.height > MAX_IMAGE_PIXELS) {
    const mp = Math.round((meta.width * meta.height) / 1e6);
    throw new HostError(`"${name}" is ${meta.width} × ${meta.height} pixels (${mp} megapixels); Pastiche opens images up to ${MAX_IMAGE_PIXELS / 1e6} megapixels. Scale it down and try again.`);
  }
}

/** Checks bytes that claim to be an image: size, a signature of a supported format, and its pixel count. */
export async function checkedImage(name: string, bytes: Uint8Array): Promise<ImageBytes> {
  checkSize(name, bytes.byteLength);
  const kind = sniffImage(bytes);
  if (!kind) throw new HostError(`"${name}" is not an image Pastiche can open (use ${SUPPORTED}).`);
  await checkDimensions(name, kind, bytes);
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
