import sharp from 'sharp';
import { checkRgbaImage, type RgbaImage } from '../../../app/image/rgbaImage.js';
import type { OutputFormat } from './outputFormat.js';

export interface EncodeOptions {
  /** JPEG and WebP quality, 1–100. */
  quality?: number;
}

export const DEFAULT_QUALITY = 92;

function isOpaque(img: RgbaImage): boolean {
  for (let i = 3; i < img.data.length; i += 4) if (img.data[i] !== 255) return false;
  return true;
}

/**
 * Encodes RGBA pixels as PNG, JPEG or WebP. Opaque images are written without an alpha channel;
 * JPEG, which has none, gets transparency flattened onto white.
 */
export async function encodeImage(img: RgbaImage, format: OutputFormat, options: EncodeOptions = {}): Promise<Uint8Array> {
  checkRgbaImage(img, 'image to encode');
  const quality = options.quality ?? DEFAULT_QUALITY;
  const raw = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  let pipeline = sharp(raw, { raw: { width: img.width, height: img.height, channels: 4 } });
  if (isOpaque(img)) pipeline = pipeline.removeAlpha();
  else if (format === 'jpeg') pipeline = pipeline.flatten({ background: '#ffffff' });
  if (format === 'png') pipeline = pipeline.png();
  else if (format === 'jpeg') pipeline = pipeline.jpeg({ quality, chromaSubsampling: quality >= 90 ? '4:4:4' : '4:2:0' });
  else pipeline = pipeline.webp({ quality });
  const out = await pipeline.toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
