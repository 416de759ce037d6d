import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { RunError, StyleTransferRun, type Progress } from '../../app/run/styleTransferRun.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { syntheticVggWeights } from './syntheticWeights.js';

await useBackend('wasm');
const network = VggNetwork.fromWeights(syntheticVggWeights(4));
const networkTensors = tf.memory().numTensors;
afterAll(() => network.dispose());

/** A smooth synthetic photo: gradients and a disc. */
function photo(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const disc = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (height / 3) ** 2;
      data.set([(255 * x) / width, disc ? 220 : 60, (255 * y) / height, 255], i);
    }
  return { width, height, data };
}

/** A synthetic "painting": diagonal stripes of saturated colour. */
function stripes(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set((x + y) % 6 < 3 ? [240, 200, 20, 255] : [20, 40, 200, 255], (y * width + x) * 4);
  return { width, height, data };
}

const inputs = { content: photo(40, 30), styles: [stripes(32, 32)] };
const nextTicks = (n: number) => Array.from({ length: n }).reduce<Promise<void>>((p) => p.then(() => new Promise((r) => setTimeout(r, 0))), Promise.resolve());

describe('StyleTransferRun on synthetic weights', () => {
  it('lowers the cost, reports progress and previews, and leaks no tensors', async () => {
    // A clock that moves 200 ms per pass through the network (one per iteration, two when a scale starts):
    // a frame after the first iteration, then whenever 0.5 s has passed since the last one.
    let now = 0;
    const clock = () => now;
    const timed = Object.create(network) as VggNetwork;
    timed.features = (...args: Parameters<VggNetwork['features']>) => {
      now += 200;
      return network.features(...args);
    };
    timed.gradient = (...args: Parameters<VggNetwork['gradient']>) => {
      now += 200;
      return network.gradient(...args);
    };
    const run = new StyleTransferRun(timed, inputs, { size: 40, startSize: 28, iterations: 30, previewSeconds: 0.5, optimizer: 'adam', learningRate: 0.05 }, undefined, clock);
    expect(run.schedule.map((s) => [s.width, s.height])).toEqual([
      [28, 21],
      [40, 30],
    ]);
    const progress: Progress[] = [];
    const counts: number[] = [];
    const previews: Array<[number, number, number]> = [];
    run.on('progress', (p) => {
      progress.push(p);
      counts.push(tf.memory().numTensors);
    });
    run.on('preview', (f) => previews.push([f.iteration, f.image.width, f.image.height]));
    const result = await run.start();

    expect(progress.map((p) => p.iteration)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const scale0 = progress.filter((p) => p.scaleIndex === 0);
    expect(scale0.at(-1)!.costs.style).toBeLessThan(0.5 * scale0[0]!.costs.style);
    expect(scale0.at(-1)!.costs.total).toBeLessThan(scale0[0]!.costs.total);
    expect(progress.at(-1)!.etaSeconds).toBe(0);
    expect(progress.every((p) => p.iterationsPerSecond > 0 && p.totalIterations === 30)).toBe(true);
    // Tensor count flat across iterations within each scale and equal between scales.
    expect(new Set(counts.slice(1)).size).toBe(1);
    // Scale 0 has 17 iterations; the second scale starts with its own frame, the picture at 40 px before its
    // targets are computed (at iteration 17), then 0.6 s of targets and one iteration later comes the next.
    expect(previews.map((p) => p[0])).toEqual([1, 4, 7, 10, 13, 16, 17, 18, 21, 24, 27, 30]);
    expect(previews[0]!.slice(1)).toEqual([28, 21]);
    expect(previews.slice(5, 8).map((p) => p.slice(1))).toEqual([[28, 21], [40, 30], [40, 30]]);
    expect(previews.at(-1)!.slice(1)).toEqual([40, 30]);
    expect(result.seconds).toBeCloseTo(30 * 0.2 + 4 * 0.2, 10);
    expect(result.medianSecondsPerIteration).toBeCloseTo(0.2, 10);
    expect(result).toMatchObject({ iterations: 30, stopped: false, layers: { content: ['relu2_2'], style: ['relu1_1', 'relu2_1'] } });
    expect([result.image.width, result.image.height, result.image.data.length]).toEqual([40, 30, 40 * 30 * 4]);
    expect(run.state).toBe('done');
    expect(tf.memory().numTensors).toBe(networkTensors);
  });

  it('repeats a noise-initialised run exactly with the same seed, and differs with another', async () => {
    const settings = { size: 24, startSize: 24, iterations: 6, init: 'noise' as const };
    const a = await new StyleTransferRun(network, inputs, { ...settings, seed: 7 }).start();
    const b = await new StyleTransferRun(network, inputs, { ...settings, seed: 7 }).start();
    const c = await new StyleTransferRun(network, inputs, { ...settings, seed: 8 }).start();
    expect(Buffer.from(a.image.data).equals(Buffer.from(b.image.data))).toBe(true);
    expect(Buffer.from(a.image.data).equals(Buffer.from(c.image.data))).toBe(false);
    expect(a.costs).toEqual(b.costs);
  });

  it('pauses, resumes and stops with the best image so far, disposing everything', async () => {
    const run = new StyleTransferRun(network, inputs, { size: 40, startSize: 28, iterations: 40, previewSeconds: 1e9 });
    const frames: number[] = [];
    run.on('preview', (f) => frames.push(f.iteration));
    const states: string[] = [];
    run.on('state', (s) => states.push(s));
    let seen = 0;
    let pausedAt = -1;
    run.on('progress', (p) => {
      seen = p.iteration;
      if (p.iteration === 3) {
        run.pause();
        pausedAt = p.iteration;
      }
      if (p.iteration === 8) void run.stop();
    });
    const done = run.start();
    while (pausedAt < 0) await nextTicks(1);
    await nextTicks(20);
    expect(run.state).toBe('paused');
    expect(seen).toBe(3);
    // Pausing shows the picture as it is at the pause, although no timed frame was due.
    expect(frames).toEqual([1, 3]);
    run.resume();
    const result = await done;
    expect(result.stopped).toBe(true);
    expect(result.iterations).toBe(8);
    // Stopped in the first (28 px) scale: the image still comes back at the requested size.
    expect([result.image.width, result.image.height]).toEqual([40, 30]);
    expect(states).toEqual(['running', 'paused', 'running', 'stopping', 'done']);
    expect(tf.memory().numTensors).toBe(networkTensors);
  });

  it('paused as a new scale starts, shows the picture at that scale\'s size, not the last frame of the one before', async () => {
    // A clock that stands still: every iteration is due a frame, so the last one of scale 0 (23 of 40) has one.
    const run = new StyleTransferRun(network, inputs, { size: 40, startSize: 28, iterations: 40, previewSeconds: 0 }, undefined, () => 0);
    const lastOfFirstScale = run.schedule[0]!.iterations;
    const frames: Array<{ iteration: number; scaleIndex: number; width: number }> = [];
    run.on('preview', (f) => frames.push({ iteration: f.iteration, scaleIndex: f.scaleIndex, width: f.image.width }));
    run.on('progress', (p) => p.iteration === lastOfFirstScale && run.pause());
    const done = run.start();
    while (run.state !== 'paused') await nextTicks(1);
    await nextTicks(20);
    const shown = frames.slice(-2);
    const result = await run.stop();
    expect(shown).toEqual([
      { iteration: lastOfFirstScale, scaleIndex: 0, width: 28 },
      { iteration: lastOfFirstScale, scaleIndex: 1, width: 40 },
    ]);
    expect(result.iterations).toBe(lastOfFirstScale);
    expect(await done).toBe(result);
    expect(tf.memory().numTensors).toBe(networkTensors);
  });

  it('stop while paused ends the run at once', async () => {
    const run = new StyleTransferRun(network, inputs, { size: 24, startSize: 24, iterations: 50 });
    run.on('progress', (p) => p.iteration === 2 && run.pause());
    const done = run.start();
    while (run.state !== 'paused') await nextTicks(1);
    const result = await run.stop();
    expect(result.iterations).toBe(2);
    expect(await done).toBe(result);
  });

  it('keeps the last good image when the run fails, and disposes its tensors', async () => {
    let calls = 0;
    const failing = Object.create(network) as VggNetwork;
    failing.gradient = (...args: Parameters<VggNetwork['gradient']>) => {
      if (++calls === 6) throw new Error('simulated out of memory');
      return network.gradient(...args);
    };
    const run = new StyleTransferRun(failing, inputs, { size: 24, startSize: 24, iterations: 20, previewSeconds: 0 });
    const error = await run.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunError);
    expect((error as RunError).message).toBe('the run failed: simulated out of memory');
    expect((error as RunError).lastImage).toMatchObject({ width: 24, height: 18 });
    expect(run.state).toBe('failed');
    expect(tf.memory().numTensors).toBe(networkTensors);
  });

  it('rejects bad settings and inputs with clear messages', () => {
    expect(() => new StyleTransferRun(network, { ...inputs, styles: [] })).toThrow('at least one style image is needed');
    expect(() => new StyleTransferRun(network, inputs, { iterations: 0 })).toThrow('iterations must be a whole number ≥ 1 (got 0)');
    expect(() => new StyleTransferRun(network, inputs, { styleBlend: [1, 2] })).toThrow('1 style images but 2 blend weights');
    expect(() => new StyleTransferRun(network, inputs, { init: 'image' })).toThrow("init 'image' needs an initial image");
    expect(() => new StyleTransferRun(network, { ...inputs, content: { width: 2, height: 2, data: new Uint8Array(3) } })).toThrow(
      'content image: expected 16 bytes of RGBA, got 3',
    );
  });
});
