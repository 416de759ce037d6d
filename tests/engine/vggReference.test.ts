import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { folderWeightsSource } from '../../main/node/model/folderWeightsSource.js';
import { loadVggWeights } from '../../app/weights/loadVggWeights.js';
import { VggNetwork } from '../../app/network/vgg.js';
import type { ReluName } from '../../app/weights/vggLayers.js';
import { randomValues } from './numeric.js';
import { LAYERS, caffeInput, naiveVgg, rawTensors } from './naiveVgg.js';
import { HAS_REAL_WEIGHTS, REAL_WEIGHTS_DIR } from './realWeights.js';
import { syntheticVggWeights, toWeightsFolder } from './syntheticWeights.js';
import { useTempFolders } from '../fixtures/tempFolder.js';

const H = 12;
const W = 10;
const rgb = randomValues(H * W * 3, 2024, 0, 1);
const WANTED: ReluName[] = ['relu1_1', 'relu2_1', 'relu2_2', 'relu3_1', 'relu3_4'];

/** Loads the folder with the engine, runs it on `rgb`, and compares five activations with the float64 reference. */
async function expectEngineMatchesReference(dir: string, backend: 'cpu' | 'wasm'): Promise<void> {
  await useBackend(backend);
  const weights = await loadVggWeights(folderWeightsSource(dir));
  expect(weights.layers.map((l) => l.layer.name)).toEqual(LAYERS.filter((l) => l !== 'pool'));
  const reference = naiveVgg(rawTensors(dir), caffeInput(rgb, H, W));
  const net = VggNetwork.fromWeights(weights);
  const ours = tf.tidy(() => {
    const feats = net.features(tf.tensor4d(rgb, [1, H, W, 3]), WANTED, 'max');
    return WANTED.map((l) => ({ layer: l, shape: feats.get(l)!.shape, values: feats.get(l)!.dataSync().slice() }));
  });
  net.dispose();
  for (const { layer, shape, values } of ours) {
    const ref = reference.get(layer)!;
    expect(shape, layer).toEqual([1, ref.h, ref.w, ref.c]);
    const scale = Math.max(...ref.v.map(Math.abs));
    const worst = Math.max(...values.map((v, i) => Math.abs(v - ref.v[i]!)));
    expect(scale, `${layer} has real activations`).toBeGreaterThan(1);
    expect(worst / scale, `${layer} relative error`).toBeLessThan(1e-4);
  }
}

// Synthetic weights always run, so preprocessing order, Caffe means and layer wiring are checked on every
// machine; the same random kernels are asymmetric in their input channels, so an RGB/BGR swap shows.
describe('VGG19 with synthetic weights, written as a TensorFlow.js folder', () => {
  const tempFolder = useTempFolders('pastiche-vggref-');
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`matches a naive float64 convolution of the raw weights (${backend})`, async () => {
      const dir = await tempFolder();
      for (const [name, bytes] of toWeightsFolder(syntheticVggWeights(8, 7))) writeFileSync(path.join(dir, name), bytes);
      await expectEngineMatchesReference(dir, backend);
    });
  }
});

describe.skipIf(!HAS_REAL_WEIGHTS)('VGG19 with the real ImageNet weights', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`matches a naive float64 convolution of the raw weights (${backend})`, () => expectEngineMatchesReference(REAL_WEIGHTS_DIR, backend));
  }
});
