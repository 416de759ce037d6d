import { describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { rgbToYiq, yiqToRgb } from '../../app/colour/yiq.js';
import { withOriginalColours } from '../../app/colour/originalColours.js';
import { matchColourHistogram } from '../../app/colour/histogramMatch.js';
import { colourStatistics } from '../../app/colour/colourImage.js';
import { luminanceImage } from '../../app/colour/luminance.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { StyleTransferRun } from '../../app/run/styleTransferRun.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { randomValues } from './numeric.js';
import { syntheticVggWeights } from './syntheticWeights.js';

/** A synthetic image whose pixels come from `f`, in 0–255. */
function image(width: number, height: number, f: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([...f(x, y), 255], (y * width + x) * 4);
  return { width, height, data };
}

const chroma = (img: RgbaImage, p: number) => rgbToYiq(img.data[p * 4]! / 255, img.data[p * 4 + 1]! / 255, img.data[p * 4 + 2]! / 255);

/** Largest I/Q difference between two images over pixels where the output was not clipped to 0 or 255. */
function chromaDifference(out: RgbaImage, content: RgbaImage): { worst: number; compared: number } {
  let worst = 0;
  let compared = 0;
  for (let p = 0; p < out.width * out.height; p++) {
    const px = [0, 1, 2].map((c) => out.data[p * 4 + c]!);
    if (px.some((v) => v === 0 || v === 255)) continue;
    const [, i1, q1] = chroma(out, p);
    const [, i2, q2] = chroma(content, p);
    worst = Math.max(worst, Math.abs(i1 - i2), Math.abs(q1 - q2));
    compared++;
  }
  return { worst, compared };
}

// A muted photo (colours well inside the gamut) and a vivid "painting".
const content = image(36, 28, (x, y) => [90 + 3 * x, 120 + 2 * y, 150 - 2 * x]);
const style = image(32, 32, (x, y) => ((x >> 2) + (y >> 2)) % 2 ? [230, 60, 30] : [30, 80, 220]);

describe('YIQ', () => {
  it('round-trips and has the Rec. 601 luminance', () => {
    const [y, i, q] = rgbToYiq(0.2, 0.5, 0.9);
    expect(y).toBeCloseTo(0.299 * 0.2 + 0.587 * 0.5 + 0.114 * 0.9, 10);
    yiqToRgb(y, i, q).forEach((v, k) => expect(v).toBeCloseTo([0.2, 0.5, 0.9][k]!, 6));
  });
});

describe('original colours', () => {
  it("keeps the result's luminance and puts back the content's chroma", () => {
    const result = image(36, 28, (x, y) => [100 + x, 100 + y, 110]);
    const out = withOriginalColours(result, content);
    const { worst, compared } = chromaDifference(out, content);
    expect(compared).toBe(36 * 28);
    expect(worst).toBeLessThan(3 / 255);
    for (let p = 0; p < 36 * 28; p += 37) expect(chroma(out, p)[0]).toBeCloseTo(chroma(result, p)[0], 2);
  });
});

describe('luminance-only transfer', () => {
  it("matches the style's luminance statistics to the content's", () => {
    const target = { mean: 0.4, std: 0.05 };
    const grey = luminanceImage(style, target);
    const ys = Array.from({ length: 32 * 32 }, (_, p) => grey.data[p * 4]! / 255);
    const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
    const std = Math.sqrt(ys.reduce((a, b) => a + (b - mean) ** 2, 0) / ys.length);
    expect(mean).toBeCloseTo(0.4, 2);
    expect(std).toBeCloseTo(0.05, 2);
    expect(grey.data[0]).toBe(grey.data[1]);
  });

  it("gives a result whose chroma equals the content's", async () => {
    await useBackend('wasm');
    const network = VggNetwork.fromWeights(syntheticVggWeights(4));
    const run = new StyleTransferRun(network, { content, styles: [style] }, { size: 36, startSize: 36, iterations: 15, colour: 'luminance', optimizer: 'adam', learningRate: 0.05 });
    const result = await run.start();
    network.dispose();
    const { worst, compared } = chromaDifference(result.image, content);
    expect(compared).toBeGreaterThan(0.9 * 36 * 28);
    expect(worst).toBeLessThan(3 / 255);
    // …and it is not simply the content: the luminance was stylised.
    const changed = Array.from({ length: 36 * 28 }, (_, p) => Math.abs(chroma(result.image, p)[0] - chroma(content, p)[0])).filter((d) => d > 2 / 255);
    expect(changed.length).toBeGreaterThan(100);
  });
});

describe('colour histogram matching', () => {
  it("gives the style the content's colour mean and covariance", () => {
    const noisy = image(48, 40, (x, y) => {
      const r = randomValues(3, x * 97 + y, 0, 1);
      return [40 + 180 * r[0]!, 30 + 100 * r[1]! + 60 * r[0]!, 200 - 150 * r[2]!];
    });
    const photo = image(40, 30, (x, y) => [80 + 2 * x + y, 100 + y * 2, 140 - x]);
    const matched = matchColourHistogram(noisy, photo);
    const want = colourStatistics(photo);
    const got = colourStatistics(matched);
    got.mean.forEach((m, c) => expect(m).toBeCloseTo(want.mean[c]!, 2));
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) expect(Math.abs(got.covariance[a]![b]! - want.covariance[a]![b]!)).toBeLessThan(2e-4);
    // The style was really changed (its own statistics were far from the photo's).
    const before = colourStatistics(noisy);
    expect(Math.abs(before.covariance[0]![0]! - want.covariance[0]![0]!)).toBeGreaterThan(0.01);
  });
});
