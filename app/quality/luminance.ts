import type { RgbaImage } from '../image/rgbaImage.js';

/** Rec. 601 luma of each pixel, 0–255, row-major. */
export function luminance(img: RgbaImage): Float64Array {
  const out = new Float64Array(img.width * img.height);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) out[i] = 0.299 * img.data[j]! + 0.587 * img.data[j + 1]! + 0.114 * img.data[j + 2]!;
  return out;
}
