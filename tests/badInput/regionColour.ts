import sharp from 'sharp';
import type { Rgb } from '../fixtures/badImages.js';

/** The mean RGB of the middle of the left and right halves of an encoded image (a band away from the edges and the seam). */
export async function halfColours(bytes: Uint8Array): Promise<{ width: number; height: number; left: Rgb; right: Rgb }> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const mean = (x0: number, x1: number): Rgb => {
    const sum = [0, 0, 0];
    let n = 0;
    for (let y = Math.floor(info.height / 4); y < Math.ceil((3 * info.height) / 4); y++) {
      for (let x = x0; x < x1; x++) {
        for (let c = 0; c < 3; c++) sum[c]! += data[(y * info.width + x) * info.channels + c]!;
        n++;
      }
    }
    return sum.map((s) => Math.round(s / n)) as unknown as Rgb;
  };
  const q = info.width / 8;
  return { width: info.width, height: info.height, left: mean(Math.round(q), Math.round(3 * q)), right: mean(Math.round(5 * q), Math.round(7 * q)) };
}

/** The largest per-channel difference between two colours. */
export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
}
