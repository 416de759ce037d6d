import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { chooseLayers } from '../../app/run/layerPresets.js';
import { LocalTileEngine } from '../../app/run/localTileEngine.js';
import { ScaleObjective, type ObjectiveInputs } from '../../app/run/scaleObjective.js';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import { SplitObjective, exactHalo, worthSplitting } from '../../app/run/splitObjective.js';
import { StyleTransferRun } from '../../app/run/styleTransferRun.js';
import { stripTiles } from '../../app/run/tileGrid.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { randomValues } from './numeric.js';
import { syntheticVggWeights } from './syntheticWeights.js';

await useBackend('wasm');
const network = VggNetwork.fromWeights(syntheticVggWeights(4));
const layers = chooseLayers(network.available);
const engines = (n: number) => Array.from({ length: n }, () => new LocalTileEngine(network));

describe('strips', () => {
  it('cut the longer side into aligned cores that partition the picture, each window grown by the halo', () => {
    const across = stripTiles(50, 341, 2, { halo: 16, align: 4 });
    expect(across.map((t) => [t.core.x0, t.core.x1])).toEqual([
      [0, 172],
      [172, 341],
    ]);
    expect(across.map((t) => [t.window.x0, t.window.x1, t.window.y0, t.window.y1])).toEqual([
      [0, 188, 0, 50],
      [156, 341, 0, 50],
    ]);
    const down = stripTiles(300, 100, 3, { halo: 8, align: 4 });
    expect(down.map((t) => [t.core.y0, t.core.y1])).toEqual([
      [0, 100],
      [100, 200],
      [200, 300],
    ]);
  });

  it('take the halo from the receptive field: relu2_2 reaches 6 px past a unit, relu1_1 one', () => {
    expect(exactHalo(network, ['relu2_2', 'relu1_1', 'relu2_1'], 2)).toBe(6);
    expect(exactHalo(network, ['relu1_1'], 1)).toBe(1);
    expect(exactHalo(network, ['relu1_2'], 4)).toBe(4);
  });

  it('are only used where each core is at least twice the halo', () => {
    // relu2_2's halo is 6 px: cores of 12 px or more.
    expect(worthSplitting(network, layers, { width: 24, height: 10, iterations: 1 }, 2)).toBe(true);
    expect(worthSplitting(network, layers, { width: 22, height: 10, iterations: 1 }, 2)).toBe(false);
    expect(worthSplitting(network, layers, { width: 512, height: 341, iterations: 1 }, 1)).toBe(false);
  });
});

function inputs(h: number, w: number, masks: boolean): ObjectiveInputs {
  const content = tf.tensor4d(randomValues(h * w * 3, 1, 0, 1), [1, h, w, 3]);
  const styles = [tf.tensor4d(randomValues(40 * 40 * 3, 2, 0, 1), [1, 40, 40, 3]), tf.tensor4d(randomValues(32 * 48 * 3, 5, 0, 1), [1, 32, 48, 3])];
  if (!masks) return { content, styles };
  const ramp = (f: (x: number, y: number) => number) => {
    const v = new Float32Array(h * w);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) v[y * w + x] = f(x / w, y / h);
    return tf.tensor4d(v, [1, h, w, 1]);
  };
  return { content, styles, keepMask: ramp((_, y) => (y > 0.8 ? 1 : 0)), styleMasks: [ramp((x) => 1 - x), ramp((x) => x)] };
}

const dispose = (i: ObjectiveInputs) => tf.dispose([i.content, ...i.styles, ...(i.keepMask ? [i.keepMask] : []), ...(i.styleMasks ?? [])]);

describe('split objective', () => {
  it.each([
    ['2 strips, zero padding', 2, 'zero', false],
    ['3 strips, replicate padding', 3, 'replicate', false],
    ['2 strips with style masks and a keep mask', 2, 'zero', true],
  ] as const)('gives the whole-picture cost and gradient: %s', async (_, count, edgePadding, masks) => {
    const [h, w] = [44, 100];
    const given = inputs(h, w, masks);
    const x = tf.tensor4d(randomValues(h * w * 3, 3, 0, 1), [1, h, w, 3]);
    const scale = { width: w, height: h, iterations: 1 };
    const settings = { ...DEFAULT_SETTINGS, size: w, edgePadding, styleBlend: masks ? undefined : [2, 1] };
    const before = tf.memory().numTensors;
    const whole = new ScaleObjective(network, layers, settings, scale, given);
    const split = await SplitObjective.create(network, layers, settings, scale, given, engines(count));
    const a = whole.costAndGradient(x);
    const b = await split.costAndGradient(x);
    const pa = a.parts.dataSync();
    const pb = b.parts.dataSync();
    pa.forEach((v, i) => expect(Math.abs(pb[i]! - v)).toBeLessThan(1e-4 * Math.max(1, Math.abs(v))));
    const ga = a.grad.dataSync();
    const gb = b.grad.dataSync();
    const size = Math.max(...ga.map(Math.abs));
    const worst = Math.max(...ga.map((v, i) => Math.abs(v - gb[i]!)));
    expect(worst / size).toBeLessThan(1e-4);
    const pxa = whole.project(x);
    const pxb = split.project(x);
    expect(Math.max(...tf.tidy(() => tf.abs(tf.sub(pxa, pxb)).dataSync()))).toBe(0);
    tf.dispose([a.grad, a.parts, b.grad, b.parts, ...(pxa === x ? [] : [pxa, pxb])]);
    whole.dispose();
    split.dispose();
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    dispose(given);
  });
});

function picture(width: number, height: number, f: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([...f(x, y), 255], (y * width + x) * 4);
  return { width, height, data };
}

describe('a run shared with other engines', () => {
  const content = picture(96, 64, (x, y) => [60 + x, 70 + y, 200 - x / 2]);
  const style = picture(64, 64, (x, y) => (((x >> 2) + (y >> 2)) % 2 ? [230, 200, 40] : [30, 60, 200]));
  const paint = async (optimizer: 'adam' | 'lbfgs', shared: boolean) => {
    const run = new StyleTransferRun(network, { content, styles: [style] }, { size: 96, startSize: 64, iterations: 20, minImprovement: 0, optimizer });
    if (shared) run.shareWith(engines(2));
    const result = await run.start();
    await new Promise((r) => setTimeout(r, 0));
    return result;
  };
  const meanDifference = (a: RgbaImage, b: RgbaImage) => {
    let sum = 0;
    for (let i = 0; i < a.data.length; i += 4) for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i + c]! - b.data[i + c]!);
    return sum / (a.width * a.height * 3);
  };

  it('paints with Adam the picture it paints alone, and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const alone = await paint('adam', false);
    const shared = await paint('adam', true);
    expect(tf.memory().numTensors).toBe(before);
    expect(shared.iterations).toBe(alone.iterations);
    expect(meanDifference(alone.image, content)).toBeGreaterThan(10);
    expect(meanDifference(shared.image, alone.image)).toBeLessThan(0.05);
  });

  it('reaches the same cost with L-BFGS (whose steps amplify rounding, so the pixels drift apart slowly)', async () => {
    const alone = await paint('lbfgs', false);
    const shared = await paint('lbfgs', true);
    expect(Math.abs(shared.costs.total / alone.costs.total - 1)).toBeLessThan(0.02);
  });
});
