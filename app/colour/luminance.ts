import type { RgbaImage } from '../image/rgbaImage.js';
import { mapPixels } from './colourImage.js';
import { rgbToYiq } from './yiq.js';

function luminanceStats(img: RgbaImage): { mean: number; std: number } {
  const d = img.data;
  const n = img.width * img.height;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < d.length; i += 4) {
    const [y] = rgbToYiq(d[i]! / 255, d[i + 1]! / 255, d[i + 2]! / 255);
    sum += y;
    sq += y * y;
  }
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(sq / n - mean * mean, 0)) };
}

/** The image's luminance as a grey RGB image, optionally shifted and scaled to a target mean and deviation. */
export function luminanceImage(img: RgbaImage, match?: { mean: number; std: number }): RgbaImage {
  const own = luminanceStats(img);
  const scale = match ? match.std / Math.max(own.std, 1e-6) : 1;
  const shift = match ? match.mean - own.mean * scale : 0;
  return mapPixels(img, (r, g, b) => {
    const [y] = rgbToYiq(r, g, b);
    const v = y * scale + shift;
    return [v, v, v];
  });
}

/**
 * Luminance-only transfer (Gatys et al. 2017): the transfer runs on luminance images, the style's
 * luminance matched to the content's mean and standard deviation; the result's luminance is then
 * recombined with the content's chroma (see withOriginalColours).
 */
export function luminanceInputs(content: RgbaImage, styles: readonly RgbaImage[]): { content: RgbaImage; styles: RgbaImage[] } {
  const target = luminanceStats(content);
  return { content: luminanceImage(content), styles: styles.map((s) => luminanceImage(s, target)) };
}
