import type { RgbaImage } from '../image/rgbaImage.js';
import { luminance } from './luminance.js';

/** Distance of a pixel from the nearest edge of the picture (0 on the outermost ring). */
const edgeDistance = (x: number, y: number, w: number, h: number) => Math.min(x, y, w - 1 - x, h - 1 - y);

/**
 * Artefacts at the picture's border: the mean |Laplacian| of the luminance (4-neighbour, the border
 * replicated) in the outer 3 px, over the same in the ring 8–24 px inside. About 1 for a photo whose
 * border is like its inside; well above 1 when the optimisation paints stripes or noise along the edges.
 * Needs a picture at least 50 px on each side (NaN otherwise).
 */
export function edgeScore(img: RgbaImage): number {
  const { width: w, height: h } = img;
  if (w < 50 || h < 50) return NaN;
  const y = luminance(img);
  const at = (i: number, j: number) => y[Math.min(h - 1, Math.max(0, j)) * w + Math.min(w - 1, Math.max(0, i))]!;
  let outer = 0;
  let outerCount = 0;
  let inner = 0;
  let innerCount = 0;
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const d = edgeDistance(i, j, w, h);
      const outerRing = d < 3;
      const innerRing = d >= 8 && d < 24;
      if (!outerRing && !innerRing) continue;
      const lap = Math.abs(4 * at(i, j) - at(i - 1, j) - at(i + 1, j) - at(i, j - 1) - at(i, j + 1));
      if (outerRing) (outer += lap), outerCount++;
      else (inner += lap), innerCount++;
    }
  }
  return outer / outerCount / (inner / innerCount || 1e-12);
}
