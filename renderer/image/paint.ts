import type { RgbaImage } from '../../app/index.js';
import { toImageData } from './rasterize.js';

export type Paintable = RgbaImage | ImageBitmap;

/** Largest side a photo is drawn at in the preview before a run (its pixels beyond that are not visible). */
const PHOTO_PREVIEW_MAX = 2048;

export function isRgbaImage(source: Paintable): source is RgbaImage {
  return 'data' in source;
}

/** The pixel size a source is painted at. */
export function paintedSize(source: Paintable): { width: number; height: number } {
  if (isRgbaImage(source)) return { width: source.width, height: source.height };
  const k = Math.min(1, PHOTO_PREVIEW_MAX / Math.max(source.width, source.height));
  return { width: Math.round(source.width * k), height: Math.round(source.height * k) };
}

/** Paints pixels or a decoded photo onto a canvas, sizing the canvas to `size` (default: the source's). */
export function paint(canvas: HTMLCanvasElement, source: Paintable, size = paintedSize(source)): void {
  if (canvas.width !== size.width) canvas.width = size.width;
  if (canvas.height !== size.height) canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  if (isRgbaImage(source) && source.width === size.width && source.height === size.height) {
    ctx.putImageData(toImageData(source), 0, 0);
    return;
  }
  ctx.imageSmoothingQuality = 'high';
  ctx.clearRect(0, 0, size.width, size.height);
  if (isRgbaImage(source)) {
    const tmp = new OffscreenCanvas(source.width, source.height);
    tmp.getContext('2d')?.putImageData(toImageData(source), 0, 0);
    ctx.drawImage(tmp, 0, 0, size.width, size.height);
  } else {
    ctx.drawImage(source, 0, 0, size.width, size.height);
  }
}
