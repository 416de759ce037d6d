import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { RgbaImage } from '../../app/image/rgbaImage.js';

/** Project root (tests/bench/ → ../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The real VGG19 prefix (conv1_1 … conv3_4), next to the project, never copied into it. */
export const MODEL_DIR = path.resolve(ROOT, '..', 'shared', 'models', 'vgg19');
export const IMAGES_DIR = path.resolve(ROOT, '..', 'shared', 'images');
export const CONTENT_IMAGE = path.join(IMAGES_DIR, 'chelsea.jpg');
export const STYLE_IMAGE = path.join(IMAGES_DIR, 'starry_night.jpg');

/** Decodes an image file into RGBA at its own size (the run resizes to each scale itself). */
export async function readRgba(file: string): Promise<RgbaImage> {
  const { data, info } = await sharp(file).rotate().removeAlpha().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
