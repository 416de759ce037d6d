import type { ExportFormat } from '../../app/host/contract.js';
import type { RgbaImage } from '../../app/index.js';
import { toImageData } from './rasterize.js';

export const EXPORT_MIME: Record<ExportFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

/** Encodes pixels as PNG, JPEG or WebP; `quality` (0–1) applies to JPEG and WebP. */
export async function encodeImage(image: RgbaImage, format: ExportFormat, quality: number): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw images off screen.');
  ctx.putImageData(toImageData(image), 0, 0);
  const type = EXPORT_MIME[format];
  const blob = await canvas.convertToBlob(format === 'png' ? { type } : { type, quality });
  if (blob.type !== type) throw new Error(`This browser cannot save ${format.toUpperCase()} images; choose PNG instead.`);
  return new Uint8Array(await blob.arrayBuffer());
}
