import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { chooseLayers } from '../../app/run/layerPresets.js';
import { ScaleObjective } from '../../app/run/scaleObjective.js';
import { TiledObjective } from '../../app/run/tiledObjective.js';
import { tileGrid } from '../../app/run/tileGrid.js';
import { LocalTileEngine } from '../../app/run/localTileEngine.js';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import { StyleTransferRun } from '../../app/run/styleTransferRun.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { randomValues } from './numeric.js';
import { syntheticVggWeights } from './syntheticWeights.js';

await useBackend('wasm');
const network = VggNetwork.fromWeights(syntheticVggWeights(4));
const layers = chooseLayers(network.available);

function image(width: number, height: number, f: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([...f(x, y), 255], (y * width + x) * 4);
  return { width, height, data };
}

describe('tile grid', () => {
  it('partitions the picture into cores, with aligned halos clamped to the edges', () => {
    const grid = tileGrid(50, 40, { tile: 16, halo: 8, align: 4 }, { y: 4, x: 0 });
    const cores = grid.flat().map((t) => t.core);
    expect(grid.map((row) => row[0]!.core.y0)).toEqual([0, 4, 20, 36]);
    expect(grid[0]!.map((t) => [t.core.x0, t.core.x1])).toEqual([
      [0, 16],
      [16, 32],
      [32, 40],
    ]);
    const area = cores.reduce((n, c) => n + (c.y1 - c.y0) * (c.x1 - c.x0), 0);
    expect(area).toBe(50 * 40);
    expect(grid[1]![1]!.window).toEqual({ y0: 0, y1: 28, x0: 8, x1: 40 });
    expect(grid[3]![2]!.window).toEqual({ y0: 28, y1: 50, x0: 24, x1: 40 });
  });
});

describe('tiled objective', () => {
  // Per edge padding: conv1_1 replicates the picture's edge, which is a window's edge only where they meet.
  const wholeGradients = new Map<string, ArrayLike<number>>();
  it.each([
    ['zero', 0],
    ['replicate', 0],
    ['zero', 2],
  ] as const)('gives the same cost and gradient as the whole-picture objective (%s padding, %i other engines)', async (edgePadding, engines) => {
    const [h, w] = [48, 64];
    const content = tf.tensor4d(randomValues(h * w * 3, 1, 0, 1), [1, h, w, 3]);
    const style = tf.tensor4d(randomValues(40 * 40 * 3, 2, 0, 1), [1, 40, 40, 3]);
    const x = tf.tensor4d(randomValues(h * w * 3, 3, 0, 1), [1, h, w, 3]);
    const scale = { width: w, height: h, iterations: 1 };
    const settings = { ...DEFAULT_SETTINGS, size: 64, edgePadding };
    const whole = new ScaleObjective(network, layers, settings, scale, { content, styles: [style] });
    const helpers = Array.from({ length: engines }, () => new LocalTileEngine(network));
    const tiled = await TiledObjective.create(network, layers, settings, scale, { content, styles: [style] }, { tile: 16, halo: 16 }, helpers);
    const a = whole.costAndGradient(x);
    const b = await tiled.costAndGradient(x);
    const pa = a.parts.dataSync();
    const pb = b.parts.dataSync();
    pa.forEach((v, i) => expect(pb[i]).toBeCloseTo(v, 4));
    const ga = a.grad.dataSync();
    const gb = b.grad.dataSync();
    const scaleOf = Math.max(...ga.map(Math.abs));
    const worst = Math.max(...ga.map((v, i) => Math.abs(v - gb[i]!)));
    expect(worst / scaleOf).toBeLessThan(1e-3);
    if (engines === 0) wholeGradients.set(edgePadding, ga);
    tf.dispose([a.grad, a.parts, b.grad, b.parts, content, style, x]);
    whole.dispose();
    tiled.dispose();
  });

  it('sees the padding setting (the two paddings give different gradients)', () => {
    const [zero, replicate] = [wholeGradients.get('zero')!, wholeGradients.get('replicate')!];
    const gap = Math.max(...Array.from(zero, (v, i) => Math.abs(v - replicate[i]!)));
    expect(gap / Math.max(...Array.from(zero, Math.abs))).toBeGreaterThan(1e-2);
  });
});

describe('tiled runs', () => {
  it('match an untiled run and show no step along the tile seams', async () => {
    const W = 96;
    const H = 72;
    const content = image(W, H, (x, y) => [60 + x, 70 + y, 200 - x / 2]);
    const style = image(64, 64, (x, y) => ((x >> 2) + (y >> 2)) % 2 ? [230, 200, 40] : [30, 60, 200]);
    // Adam in both: tiled scales always use Adam (L-BFGS's history would not fit where tiling is needed).
    const settings = { size: W, startSize: W, iterations: 15, optimizer: 'adam' as const, learningRate: 0.05 };
    const before = tf.memory().numTensors;
    const untiled = (await new StyleTransferRun(network, { content, styles: [style] }, settings).start()).image;
    // 48 × 48 px per pass: 32 px cores in an 8 px halo, 3 × 3 tiles at this size.
    const tiled = (await new StyleTransferRun(network, { content, styles: [style] }, { ...settings, maxPassPixels: 48 * 48, tileHalo: 8 }).start()).image;
    expect(tf.memory().numTensors).toBe(before);
    let diff = 0;
    let changed = 0;
    for (let i = 0; i < tiled.data.length; i += 4)
      for (let c = 0; c < 3; c++) {
        diff += Math.abs(tiled.data[i + c]! - untiled.data[i + c]!);
        changed += Math.abs(tiled.data[i + c]! - content.data[i + c]!);
      }
    expect(diff / (W * H * 3)).toBeLessThan(2);
    expect(changed / (W * H * 3)).toBeGreaterThan(10);
    // Mean absolute step between neighbouring columns (rows): every multiple of 4 is a possible seam.
    const step = (horizontal: boolean, at: number) => {
      let s = 0;
      const n = horizontal ? H : W;
      for (let k = 0; k < n; k++) {
        const [a, b] = horizontal ? [(k * W + at - 1) * 4, (k * W + at) * 4] : [((at - 1) * W + k) * 4, (at * W + k) * 4];
        for (let c = 0; c < 3; c++) s += Math.abs(tiled.data[a + c]! - tiled.data[b + c]!);
      }
      return s / (n * 3);
    };
    for (const horizontal of [true, false]) {
      const size = horizontal ? W : H;
      const steps = Array.from({ length: size - 1 }, (_, i) => step(horizontal, i + 1));
      const seams = steps.filter((_, i) => (i + 1) % 4 === 0);
      const others = steps.filter((_, i) => (i + 1) % 4 !== 0);
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      expect(mean(seams) / mean(others)).toBeLessThan(1.25);
      expect(Math.max(...seams)).toBeLessThan(2 * Math.max(...others));
    }
  });
});
