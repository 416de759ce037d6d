import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { folderWeightsSource } from '../../main/node/model/folderWeightsSource.js';
import { Lbfgs } from '../../app/optim/lbfgs.js';
import { loadVggWeights } from '../../app/weights/loadVggWeights.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { StyleTransferRun } from '../../app/run/styleTransferRun.js';
import { syntheticVggWeights } from './syntheticWeights.js';
import { HAS_REAL_WEIGHTS, REAL_WEIGHTS_DIR, SHARED_IMAGES_DIR } from './realWeights.js';

await useBackend('wasm');

describe('L-BFGS', () => {
  it('converges to the minimum of an ill-conditioned quadratic', () => {
    // f(x) = ½ xᵀ A x − bᵀ x with A = diag(1, 10, 100, 1000) + a coupling term; minimum at A⁻¹ b.
    const a = tf.tensor2d([1, 0.5, 0, 0, 0.5, 10, 0, 0, 0, 0, 100, 3, 0, 0, 3, 1000], [4, 4]);
    const b = tf.tensor2d([1, -2, 3, 4], [4, 1]);
    // Solved by hand block by block: x₂ = −2.5 / 9.75, x₁ = 1 − x₂/2; x₃ = 2988 / 99991, x₄ = 391 / 99991.
    const expected = [1 + 1.25 / 9.75, -2.5 / 9.75, 2988 / 99991, 391 / 99991];
    const optimizer = new Lbfgs({ history: 5, learningRate: 1, firstStep: 0.1, maxStep: 1 });
    let x = tf.zeros([4, 1]);
    let steady = 0;
    for (let i = 0; i < 60; i++) {
      const g = tf.tidy(() => tf.sub(tf.matMul(a, x as tf.Tensor2D), b));
      const next = optimizer.step(x, g);
      tf.dispose([g, x]);
      x = next;
      if (i === 10) steady = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(steady);
    Array.from(x.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    optimizer.dispose();
    tf.dispose([a, b, x]);
  });

  it('skips pairs without positive curvature (a linear function) and keeps stepping downhill', () => {
    const optimizer = new Lbfgs({ history: 3, learningRate: 1, firstStep: 0.5, maxStep: 1 });
    let x = tf.tensor1d([0, 0]);
    const g = tf.tensor1d([1, -2]); // constant gradient: y = 0 for every pair
    for (let i = 0; i < 3; i++) {
      const next = optimizer.step(x, g);
      x.dispose();
      x = next;
    }
    // No pair is ever kept, so every step is the first-step rule: 0.5 / max|g| = 0.25 times −g.
    expect(Array.from(x.dataSync())).toEqual([-0.75, 1.5]);
    optimizer.dispose();
  });
});

describe('L-BFGS in a run', () => {
  it('keeps the tensor count flat once its history is full and disposes everything at the end', async () => {
    const network = VggNetwork.fromWeights(syntheticVggWeights(3));
    const base = tf.memory().numTensors;
    const content = { width: 24, height: 20, data: new Uint8Array(24 * 20 * 4).map((_, i) => (i * 37) % 256) };
    const run = new StyleTransferRun(network, { content, styles: [content] }, { size: 24, startSize: 24, iterations: 25, optimizer: 'lbfgs', init: 'noise' });
    const counts: number[] = [];
    run.on('progress', () => counts.push(tf.memory().numTensors));
    const result = await run.start();
    expect(new Set(counts.slice(12)).size).toBe(1);
    expect(result.costs.style).toBeLessThan(1);
    expect(tf.memory().numTensors).toBe(base);
    network.dispose();
  });
});

async function photo(name: string, size: number) {
  const { data, info } = await sharp(readFileSync(path.join(SHARED_IMAGES_DIR, name)))
    .resize(size, size, { fit: 'inside' })
    .removeAlpha()
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

describe.skipIf(!HAS_REAL_WEIGHTS)('L-BFGS against Adam on the real VGG19 weights', () => {
  it('reaches a lower total cost than Adam after the same number of iterations at 128 px', async () => {
    const network = VggNetwork.fromWeights(await loadVggWeights(folderWeightsSource(REAL_WEIGHTS_DIR)));
    const inputs = { content: await photo('chelsea.jpg', 128), styles: [await photo('starry_night.jpg', 128)] };
    const final = async (optimizer: 'adam' | 'lbfgs') =>
      (await new StyleTransferRun(network, inputs, { size: 128, iterations: 30, optimizer, previewSeconds: 1e9, minImprovement: 0 }).start()).costs.total;
    const adam = await final('adam');
    const lbfgs = await final('lbfgs');
    network.dispose();
    expect(lbfgs).toBeLessThan(adam);
  });
});
