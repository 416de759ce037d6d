import { fitLongestSide, type RgbaImage } from '../../app/index.js';

/** RGBA pixels with their longest side at `longest` (never enlarged), drawn with the browser's smooth scaling. */
export function resizeRgba(image: RgbaImage, longest: number): RgbaImage {
  if (Math.max(image.width, image.height) <= longest) return image;
  const { width, height } = fitLongestSide(image.width, image.height, longest);
  const source = new OffscreenCanvas(image.width, image.height);
  source.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  const target = new OffscreenCanvas(width, height);
  const ctx = target.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser cannot draw images off screen.');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, width, height);
  return { width, height, data: ctx.getImageData(0, 0, width, height).data };
}
