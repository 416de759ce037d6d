import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { startTileEngines, type WorkerTileEngine } from '../../main/node/tiles/workerTileEngine.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { chooseLayers } from '../../app/run/layerPresets.js';
import { ScaleObjective } from '../../app/run/scaleObjective.js';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import { SplitObjective } from '../../app/run/splitObjective.js';
import { RunError, StyleTransferRun } from '../../app/run/styleTransferRun.js';
import type { TileEngine } from '../../app/run/tileEngine.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { randomValues } from '../engine/numeric.js';
import { syntheticVggWeights } from '../engine/syntheticWeights.js';

// The worker threads that share a run's steps (main/node/tiles): real threads, each with its own wasm engine.

await useBackend('wasm');
const weights = syntheticVggWeights(4);
const network = VggNetwork.fromWeights(weights);
const layers = chooseLayers(network.available);
const started: WorkerTileEngine[] = [];
const engines = async (n: number) => {
  const e = await startTileEngines(n, { backend: 'wasm', weights });
  started.push(...e);
  return e;
};

afterAll(async () => {
  await Promise.all(started.map((e) => e.close()));
});

/** The engine's methods bound to it, to be wrapped one by one. */
function bound(e: WorkerTileEngine): TileEngine {
  return {
    setUp: (s) => e.setUp(s),
    forward: (w) => e.forward(w),
    backward: (s) => e.backward(s),
    tearDown: () => e.tearDown(),
    sumTile: (j) => e.sumTile(j),
    tileEnergy: (j) => e.tileEnergy(j),
    tileGradient: (j) => e.tileGradient(j),
  };
}

function picture(width: number, height: number, f: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([...f(x, y), 255], (y * width + x) * 4);
  return { width, height, data };
}

describe('tile engines in worker threads', () => {
  it('give the whole-picture cost and gradient, computed on two other threads', async () => {
    const [h, w] = [40, 90];
    const content = tf.tensor4d(randomValues(h * w * 3, 1, 0, 1), [1, h, w, 3]);
    const style = tf.tensor4d(randomValues(36 * 36 * 3, 2, 0, 1), [1, 36, 36, 3]);
    const x = tf.tensor4d(randomValues(h * w * 3, 3, 0, 1), [1, h, w, 3]);
    const scale = { width: w, height: h, iterations: 1 };
    const settings = { ...DEFAULT_SETTINGS, size: w };
    const whole = new ScaleObjective(network, layers, settings, scale, { content, styles: [style] });
    const split = await SplitObjective.create(network, layers, settings, scale, { content, styles: [style] }, await engines(2));
    const a = whole.costAndGradient(x);
    const b = await split.costAndGradient(x);
    const pa = a.parts.dataSync();
    Array.from(b.parts.dataSync()).forEach((v, i) => expect(Math.abs(v - pa[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(pa[i]!))));
    const ga = a.grad.dataSync();
    const gb = b.grad.dataSync();
    const worst = Math.max(...ga.map((v, i) => Math.abs(v - gb[i]!)));
    expect(worst / Math.max(...ga.map(Math.abs))).toBeLessThan(1e-4);
    tf.dispose([a.grad, a.parts, b.grad, b.parts, content, style, x]);
    whole.dispose();
    split.dispose();
  });

  it('paint the tiles of a picture larger than one pass: the picture painted alone, tile by tile', async () => {
    const content = picture(96, 72, (x, y) => [60 + x, 70 + y, 200 - x / 2]);
    const style = picture(64, 64, (x, y) => (((x >> 2) + (y >> 2)) % 2 ? [230, 200, 40] : [30, 60, 200]));
    // 48 × 48 px per pass: 32 px cores in an 8 px halo, 3 × 3 tiles; tiled scales use Adam.
    const settings = { size: 96, startSize: 96, iterations: 8, optimizer: 'adam' as const, learningRate: 0.05, maxPassPixels: 48 * 48, tileHalo: 8 };
    const before = tf.memory().numTensors;
    const alone = await new StyleTransferRun(network, { content, styles: [style] }, settings).start();
    const run = new StyleTransferRun(network, { content, styles: [style] }, settings);
    const calls: number[] = [];
    // Each engine counts the tiles it painted.
    const counted = (await engines(2)).map((e, k): TileEngine => {
      calls[k] = 0;
      return { ...bound(e), tileGradient: (job) => (calls[k]!++, e.tileGradient(job)) };
    });
    run.shareWith(counted);
    const shared = await run.start();
    expect(tf.memory().numTensors).toBe(before);
    // 8 iterations of at least 3 × 3 tiles (more where the moving grid cuts an edge), shared between both threads.
    expect(calls[0]! + calls[1]!).toBeGreaterThanOrEqual(8 * 9);
    expect(Math.min(...calls)).toBeGreaterThan(0);
    let diff = 0;
    let changed = 0;
    for (let i = 0; i < alone.image.data.length; i += 4)
      for (let c = 0; c < 3; c++) {
        diff += Math.abs(shared.image.data[i + c]! - alone.image.data[i + c]!);
        changed += Math.abs(alone.image.data[i + c]! - content.data[i + c]!);
      }
    expect(changed / (96 * 72 * 3)).toBeGreaterThan(5);
    expect(diff / (96 * 72 * 3)).toBeLessThan(0.05);
    expect(shared.costs.total).toBeCloseTo(alone.costs.total, 4);
  });

  it('say why a call failed inside the thread', async () => {
    const [engine] = await engines(1);
    await expect(engine!.forward({ data: new Float32Array(12), shape: [2, 2, 3] })).rejects.toThrow('no tile is set up');
  });

  it('fail the run when a thread ends mid-run, keeping the last picture', async () => {
    const content = picture(96, 64, (x, y) => [60 + x, 70 + y, 200 - x / 2]);
    const style = picture(64, 64, (x, y) => (((x >> 2) + (y >> 2)) % 2 ? [230, 200, 40] : [30, 60, 200]));
    const run = new StyleTransferRun(network, { content, styles: [style] }, { size: 96, startSize: 64, iterations: 200, minImprovement: 0, previewSeconds: 0 });
    const pair = await engines(2);
    run.shareWith(pair);
    run.on('progress', (p) => {
      if (p.iteration === 3) void pair[1]!.close();
    });
    const error = await run.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunError);
    expect((error as RunError).message).toMatch(/the run failed: .*worker thread/);
    // A frame of the first scale (iteration 3 is long before the last).
    expect((error as RunError).lastImage?.width).toBeLessThan(96);
  });
});
