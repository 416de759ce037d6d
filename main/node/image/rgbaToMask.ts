import type { MaskImage } from '../../../app/image/maskImage.js';
import type { RgbaImage } from '../../../app/image/rgbaImage.js';

/** A painted mask from an image: its luminance (Rec. 601), so white is fully on and black is off. */
export function rgbaToMask(img: RgbaImage): MaskImage {
  const data = new Uint8Array(img.width * img.height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    data[i] = Math.round(0.299 * img.data[j]! + 0.587 * img.data[j + 1]! + 0.114 * img.data[j + 2]!);
  }
  return { width: img.width, height: img.height, data };
}
