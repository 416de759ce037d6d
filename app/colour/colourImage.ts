import type { RgbaImage } from '../image/rgbaImage.js';

/** Per-pixel colour maths on 8-bit RGBA images, in [0, 1] floats, written back opaque and rounded. */
export function mapPixels(img: RgbaImage, f: (r: number, g: number, b: number, index: number) => [number, number, number]): RgbaImage {
  const out = new Uint8ClampedArray(img.width * img.height * 4);
  const d = img.data;
  for (let p = 0, i = 0; i < d.length; p++, i += 4) {
    const [r, g, b] = f(d[i]! / 255, d[i + 1]! / 255, d[i + 2]! / 255, p);
    out[i] = Math.round(r * 255);
    out[i + 1] = Math.round(g * 255);
    out[i + 2] = Math.round(b * 255);
    out[i + 3] = 255;
  }
  return { width: img.width, height: img.height, data: out };
}

/** Mean and 3×3 covariance of an image's RGB values in [0, 1]. */
export function colourStatistics(img: RgbaImage): { mean: [number, number, number]; covariance: number[][] } {
  const n = img.width * img.height;
  const d = img.data;
  const mean: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < d.length; i += 4) for (let c = 0; c < 3; c++) mean[c]! += d[i + c]! / 255 / n;
  const cov = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 0; i < d.length; i += 4) {
    const v = [d[i]! / 255 - mean[0], d[i + 1]! / 255 - mean[1], d[i + 2]! / 255 - mean[2]];
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) cov[a]![b]! += (v[a]! * v[b]!) / n;
  }
  return { mean, covariance: cov };
}
