import type { RgbaImage } from '../image/rgbaImage.js';

/** Shown where a receptive field reaches past the image: the network sees zeros there (mean grey). */
const OUTSIDE = [124, 117, 104] as const;

/** The square of `image` at (x, y) of `size` px; parts outside the image are filled with the network's padding colour. */
export function cutPatch(image: RgbaImage, x: number, y: number, size: number): RgbaImage {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const sy = y + r;
      const sx = x + c;
      const o = (r * size + c) * 4;
      const inside = sy >= 0 && sx >= 0 && sy < image.height && sx < image.width;
      const i = (sy * image.width + sx) * 4;
      for (let k = 0; k < 3; k++) data[o + k] = inside ? image.data[i + k]! : OUTSIDE[k]!;
      data[o + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}
