import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { folderWeightsSource } from '../../main/node/model/folderWeightsSource.js';
import { loadVggWeights } from '../../app/weights/loadVggWeights.js';
import { VggNetwork } from '../../app/network/vgg.js';
import type { ReluName } from '../../app/weights/vggLayers.js';
import { randomValues } from './numeric.js';
import { HAS_REAL_WEIGHTS, REAL_WEIGHTS_DIR } from './realWeights.js';
import { LAYERS, caffeInput, naiveVgg, rawTensors } from './naiveVgg.js';

describe.skipIf(!HAS_REAL_WEIGHTS)('VGG19 with the real ImageNet weights', () => {
  const H = 12;
  const W = 10;
  const rgb = randomValues(H * W * 3, 2024, 0, 1);

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`matches a naive float64 convolution of the raw weights (${backend})`, async () => {
      await useBackend(backend);
      const weights = await loadVggWeights(folderWeightsSource(REAL_WEIGHTS_DIR));
      expect(weights.layers.map((l) => l.layer.name)).toEqual(LAYERS.filter((l) => l !== 'pool'));
      const reference = naiveVgg(rawTensors(REAL_WEIGHTS_DIR), caffeInput(rgb, H, W));
      const net = VggNetwork.fromWeights(weights);
      const wanted: ReluName[] = ['relu1_1', 'relu2_1', 'relu2_2', 'relu3_1', 'relu3_4'];
      const ours = tf.tidy(() => {
        const feats = net.features(tf.tensor4d(rgb, [1, H, W, 3]), wanted, 'max');
        return wanted.map((l) => ({ layer: l, shape: feats.get(l)!.shape, values: feats.get(l)!.dataSync().slice() }));
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
    });
  }
});
