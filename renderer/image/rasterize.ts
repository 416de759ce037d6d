import { fitLongestSide, type RgbaImage } from '../../app/index.js';

/**
 * Draws an image into RGBA pixels with its longest side at `longest` (or at its own size), over white so
 * transparent areas become paper rather than black (the engine ignores alpha).
 */
export function rasterize(source: ImageBitmap, longest?: number): RgbaImage {
  const { width, height } = longest ? fitLongestSide(source.width, source.height, longest) : source;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser cannot draw images off screen.');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, width, height);
  return { width, height, data: ctx.getImageData(0, 0, width, height).data };
}

/** RGBA pixels as a browser ImageData (copied, so the source stays usable). */
export function toImageData(image: RgbaImage): ImageData {
  return new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
}
