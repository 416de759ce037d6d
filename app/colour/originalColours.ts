import type { RgbaImage } from '../image/rgbaImage.js';
import { mapPixels } from './colourImage.js';
import { rgbToYiq, yiqToRgb } from './yiq.js';

/**
 * Keeps the photo's colours (jcjohnson/neural-style -original_colors): the luminance of the stylised
 * result with the chroma (I, Q) of the content image. Both images have the same size.
 */
export function withOriginalColours(result: RgbaImage, content: RgbaImage): RgbaImage {
  if (result.width !== content.width || result.height !== content.height) throw new Error('withOriginalColours: images differ in size');
  const c = content.data;
  return mapPixels(result, (r, g, b, p) => {
    const [y] = rgbToYiq(r, g, b);
    const [, i, q] = rgbToYiq(c[p * 4]! / 255, c[p * 4 + 1]! / 255, c[p * 4 + 2]! / 255);
    return yiqToRgb(y, i, q);
  });
}
