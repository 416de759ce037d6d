import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { VggNetwork } from '../../app/network/vgg.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { rgbaToTensor } from '../../app/image/imageTensor.js';
import { resizeImage } from '../../app/image/resize.js';
import { judgeResult, JUDGE_STYLE_LAYERS } from '../../app/quality/judge.js';
import { edgeScore } from '../../app/quality/edgeScore.js';
import { gridScore } from '../../app/quality/gridScore.js';
import { syntheticVggWeights } from '../engine/syntheticWeights.js';
import { randomValues } from '../engine/numeric.js';

await useBackend('wasm');
// conv1_1 … conv3_2: the judge's deepest layer is relu3_2.
const network = VggNetwork.fromWeights(syntheticVggWeights(6));
afterAll(() => network.dispose());

/** A grey picture from luminance values (r = g = b, so the luma is the value itself). */
function grey(width: number, height: number, value: (x: number, y: number) => number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([value(x, y), value(x, y), value(x, y), 255], (y * width + x) * 4);
  return { width, height, data };
}

function noise(width: number, height: number, seed: number): RgbaImage {
  const v = randomValues(width * height * 3, seed, 0, 255);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([v[3 * i]!, v[3 * i + 1]!, v[3 * i + 2]!, 255], 4 * i);
  return { width, height, data };
}

/** Features of a picture (already at its size) as plain arrays: [H·W][C] per layer. */
function featureRows(img: tf.Tensor4D, layer: (typeof JUDGE_STYLE_LAYERS)[number] | 'relu3_2'): number[][] {
  return tf.tidy(() => {
    const f = network.features(img, [layer], 'max').get(layer)!;
    const c = f.shape[3];
    const flat = Array.from(f.dataSync());
    return Array.from({ length: flat.length / c }, (_, i) => flat.slice(i * c, (i + 1) * c));
  });
}

function gram(rows: number[][]): number[] {
  const c = rows[0]!.length;
  const g = new Array<number>(c * c).fill(0);
  for (const r of rows) for (let a = 0; a < c; a++) for (let b = 0; b < c; b++) g[a * c + b]! += (r[a]! * r[b]!) / rows.length;
  return g;
}

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const relative = (a: number[], b: number[]) => norm(a.map((x, i) => x - b[i]!)) / norm(b);

describe('the quality judge', () => {
  const photo = noise(48, 32, 1);
  const style = noise(40, 40, 2);

  it('scores the photo itself 0 for content, and a style image of the output size 0 for style', async () => {
    expect((await judgeResult(network, photo, photo, style)).content).toBe(0);
    const square = noise(36, 36, 3);
    const scores = await judgeResult(network, square, photo, square);
    expect(scores.style).toBe(0);
    expect(scores.styleByLayer).toEqual([0, 0, 0]);
  });

  it('matches a plain computation: relative Gram distances (Gram over H·W) and the relu3_2 feature distance', async () => {
    const out = noise(48, 32, 4);
    const scores = await judgeResult(network, out, photo, style);
    const [outT, photoT, styleT] = tf.tidy(() => [
      rgbaToTensor(out),
      rgbaToTensor(photo),
      // The style is resized to the output's longest side, its proportions kept: 40×40 → 48×48.
      resizeImage(rgbaToTensor(style), 48, 48),
    ]);
    const byLayer = JUDGE_STYLE_LAYERS.map((l) => relative(gram(featureRows(outT, l)), gram(featureRows(styleT, l))));
    const content = relative(featureRows(outT, 'relu3_2').flat(), featureRows(photoT, 'relu3_2').flat());
    tf.dispose([outT, photoT, styleT]);
    byLayer.forEach((d, i) => expect(scores.styleByLayer[i]).toBeCloseTo(d, 4));
    expect(scores.style).toBeCloseTo((byLayer[0]! + byLayer[1]! + byLayer[2]!) / 3, 4);
    expect(scores.content).toBeCloseTo(content, 4);
    expect(scores.content).toBeGreaterThan(0.05);
  });
});

describe('the edge score', () => {
  it('a checkerboard: |Laplacian| 160 inside, 120 on the border rows and 80 in the corners (border replicated)', () => {
    const w = 60;
    const h = 50;
    const img = grey(w, h, (x, y) => ((x + y) % 2 ? 80 : 120));
    // Outer 3 px: the outermost ring has (2w + 2h − 8) edge pixels at 120 and 4 corners at 80; the two rings
    // inside it are all 160.
    const ring0 = 2 * w + 2 * h - 4;
    const ring12 = 2 * (w - 2) + 2 * (h - 2) - 4 + (2 * (w - 4) + 2 * (h - 4) - 4);
    const outerMean = ((ring0 - 4) * 120 + 4 * 80 + ring12 * 160) / (ring0 + ring12);
    expect(edgeScore(img)).toBeCloseTo(outerMean / 160, 10);
  });

  it('is near 1 for noise and large for a picture with stripes painted along its border', () => {
    const plain = noise(80, 64, 5);
    expect(edgeScore(plain)).toBeGreaterThan(0.7);
    expect(edgeScore(plain)).toBeLessThan(1.05);
    const striped = { ...plain, data: plain.data.slice() };
    for (let y = 0; y < 64; y++) for (let x = 0; x < 80; x++) if (Math.min(x, y, 79 - x, 63 - y) < 2) striped.data.fill((x + y) % 2 ? 255 : 0, (y * 80 + x) * 4, (y * 80 + x) * 4 + 3);
    expect(edgeScore(striped)).toBeGreaterThan(1.5);
  });
});

describe('the grid score', () => {
  it('is near 1 for noise and shows a period-4 mosaic at period 4 (and its harmonic), not at 8', () => {
    const grain = randomValues(128 * 96, 6, 0, 20);
    const plain = grey(128, 96, (x, y) => 60 + x + y / 2 + grain[y * 128 + x]!);
    const base = gridScore(plain);
    expect(base.score).toBeLessThan(2.5);
    // Luminance + 30 on the first column of every 4 (a mosaic of period 4 along rows).
    const mosaic = { ...plain, data: plain.data.slice() };
    for (let y = 0; y < 96; y++) for (let x = 0; x < 128; x += 4) for (let k = 0; k < 3; k++) mosaic.data[(y * 128 + x) * 4 + k] = Math.min(255, mosaic.data[(y * 128 + x) * 4 + k]! + 30);
    const g = gridScore(mosaic);
    // Along rows the period-4 power stands far above its neighbours; along columns there is none (ratio ≈ 1).
    expect(g.byPeriod[1]).toBeGreaterThan(10);
    expect(g.score).toBeGreaterThan(10);
    // A period-4 pulse train has its harmonic at period 2, and nothing at period 8.
    expect(g.byPeriod[2]).toBeLessThan(2.5);
  });
});
