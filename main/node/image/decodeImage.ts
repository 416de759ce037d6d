import { readFile } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { fitLongestSide } from '../../../app/image/resize.js';
import type { RgbaImage } from '../../../app/image/rgbaImage.js';
import { ImageFileError } from './imageFileError.js';

/** Larger inputs are refused before decoding: 100 MP of RGBA is 400 MB, and no style transfer needs more. */
export const MAX_INPUT_PIXELS = 100_000_000;

/** The formats read, by sharp's decoder name. Others sharp knows (SVG, PDF, raw camera files) are refused. */
const READABLE_FORMATS: ReadonlyMap<string, string> = new Map([
  ['jpeg', 'JPEG'],
  ['png', 'PNG'],
  ['webp', 'WebP'],
  ['gif', 'GIF'],
  ['tiff', 'TIFF'],
  ['heif', 'AVIF'],
]);

export interface DecodeOptions {
  /** Resize so the longest side is this many pixels (Lanczos), keeping the aspect ratio. */
  longestSide?: number;
  /** With longestSide: also enlarge images smaller than it (default: only shrink). */
  enlarge?: boolean;
  maxPixels?: number;
}

function readFailure(file: string, e: unknown): ImageFileError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ImageFileError(file, 'file not found');
  if (code === 'EISDIR') return new ImageFileError(file, 'is a folder, not an image file');
  if (code === 'EACCES' || code === 'EPERM') return new ImageFileError(file, 'permission denied');
  return new ImageFileError(file, `cannot be read (${(e as Error).message})`);
}

/** An image's size and the limit in MP: one decimal, or as many more as it takes for the two to read differently. */
function megapixelPair(pixels: number, limit: number): [string, string] {
  let digits = 1;
  while (digits < 6 && (pixels / 1e6).toFixed(digits) === (limit / 1e6).toFixed(digits)) digits++;
  return [`${(pixels / 1e6).toFixed(digits)} MP`, `${(limit / 1e6).toFixed(digits)} MP`];
}

async function checkedMetadata(file: string, bytes: Uint8Array, maxPixels: number): Promise<Metadata> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata(); // the header only; the size is checked below, in words
  } catch {
    throw new ImageFileError(file, 'not an image, or in a format that cannot be read (use JPEG, PNG or WebP)');
  }
  if (!READABLE_FORMATS.has(meta.format)) {
    throw new ImageFileError(file, `${meta.format.toUpperCase()} images are not supported (use ${[...READABLE_FORMATS.values()].join(', ')})`);
  }
  const pixels = meta.width * meta.height;
  if (pixels > maxPixels) {
    const [size, limit] = megapixelPair(pixels, maxPixels);
    throw new ImageFileError(file, `the image is ${meta.width}×${meta.height} (${size}), more than the ${limit} limit`);
  }
  return meta;
}

function targetSize(meta: Metadata, o: DecodeOptions): { width: number; height: number } | null {
  const { width, height } = meta.autoOrient;
  if (o.longestSide === undefined || Math.max(width, height) === o.longestSide) return null;
  if (Math.max(width, height) < o.longestSide && !o.enlarge) return null;
  return fitLongestSide(width, height, o.longestSide);
}

/**
 * Decodes image bytes to 8-bit sRGB RGBA: EXIF orientation applied, transparency flattened onto white,
 * grey, CMYK and 16-bit images converted. Truncated or corrupt pixel data is an error, never half an image.
 */
export async function decodeImageBytes(bytes: Uint8Array, file: string, options: DecodeOptions = {}): Promise<RgbaImage> {
  if (bytes.byteLength === 0) throw new ImageFileError(file, 'the file is empty (0 bytes)');
  const maxPixels = options.maxPixels ?? MAX_INPUT_PIXELS;
  const meta = await checkedMetadata(file, bytes, maxPixels);
  let pipeline = sharp(bytes, { failOn: 'error', limitInputPixels: maxPixels, autoOrient: true });
  if (meta.hasAlpha) pipeline = pipeline.flatten({ background: '#ffffff' });
  const size = targetSize(meta, options);
  if (size) pipeline = pipeline.resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' });
  try {
    const { data, info } = await pipeline.toColourspace('srgb').ensureAlpha(1).raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (e) {
    const detail = (e as Error).message.split('\n')[0];
    throw new ImageFileError(file, `the image is truncated or corrupt (${detail})`);
  }
}

/** Reads and decodes an image file; every failure is an ImageFileError naming the file. */
export async function decodeImageFile(file: string, options: DecodeOptions = {}): Promise<RgbaImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw readFailure(file, e);
  }
  return decodeImageBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file, options);
}
