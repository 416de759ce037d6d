import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { contentCost } from '../../app/costs/contentCost.js';
import { gramMatrix } from '../../app/costs/gram.js';
import { styleCost } from '../../app/costs/styleCost.js';
import { CAFFE_MEAN_RGB } from '../../app/network/preprocess.js';
import type { Pooling } from '../../app/network/pool.js';
import type { EdgePadding } from '../../app/network/edgePadding.js';
import { VggNetwork } from '../../app/network/vgg.js';
import type { VggWeights } from '../../app/weights/loadVggWeights.js';
import { reluName, type ReluName } from '../../app/weights/vggLayers.js';
import { useBackend } from '../../main/node/tfBackend.js';
import { randomValues } from './numeric.js';
import { syntheticVggWeights } from './syntheticWeights.js';

await useBackend('cpu');

/**
 * The edge rows and columns repeated once, from slices and concatenation. Not tf.mirrorPad (whose 1 px
 * symmetric mirror is the same picture): TensorFlow.js's MirrorPad gradient only slices the middle out and
 * drops what the mirrored copies received, so the tape through it is wrong at the edges.
 */
function replicateByConcat(x: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = x.shape;
  const rows = tf.concat([tf.slice(x, [0, 0, 0, 0], [-1, 1, -1, -1]), x, tf.slice(x, [0, h - 1, 0, 0], [-1, 1, -1, -1])], 1);
  return tf.concat([tf.slice(rows, [0, 0, 0, 0], [-1, -1, 1, -1]), rows, tf.slice(rows, [0, 0, w - 1, 0], [-1, -1, 1, -1])], 2);
}

/**
 * VGG written with TensorFlow.js's plain ops (BGR input, conv, bias, ReLU, pooling), differentiated by its own
 * tape. Replicate padding: conv1_1's input with its edge repeated and a 'valid' convolution.
 */
function plainFeatures(weights: VggWeights, rgb: tf.Tensor4D, pooling: Pooling, edge: EdgePadding = 'zero'): Map<ReluName, tf.Tensor4D> {
  const out = new Map<ReluName, tf.Tensor4D>();
  const bgr = tf.reverse(tf.sub(tf.mul(rgb, 255), tf.tensor1d([...CAFFE_MEAN_RGB])), 3) as tf.Tensor4D;
  let x = bgr;
  weights.layers.forEach(({ layer, kernel, bias }, i) => {
    const k = tf.tensor4d(kernel, [3, 3, layer.inChannels, layer.outChannels]);
    const replicate = i === 0 && edge === 'replicate';
    const input = replicate ? replicateByConcat(x) : x;
    const y = tf.relu(tf.add(tf.conv2d(input, k, 1, replicate ? 'valid' : 'same'), tf.tensor1d(bias))) as tf.Tensor4D;
    out.set(reluName(layer), y);
    const next = weights.layers[i + 1]?.layer;
    x = next && next.block !== layer.block ? (pooling === 'max' ? tf.maxPool(y, 2, 2, 'valid') : tf.avgPool(y, 2, 2, 'valid')) : y;
  });
  return out;
}

/** A cost that reads several layers the way the engine does: Gram matrices, and a content term. */
function costOf(feats: Map<ReluName, tf.Tensor4D>, targets: Map<ReluName, tf.Tensor4D>): tf.Scalar {
  const style: ReluName[] = ['relu1_1', 'relu1_2', 'relu3_1'];
  const s = styleCost(
    style.map((l) => feats.get(l)!),
    style.map((l) => ({ gram: gramMatrix(targets.get(l)!), weight: 1 })),
  );
  return tf.add(tf.mul(s, 1000), contentCost(feats.get('relu2_2')!, targets.get('relu2_2')!)) as tf.Scalar;
}

describe('VggNetwork.gradient (hand-written backward pass)', () => {
  const weights = syntheticVggWeights(5);
  const layers: ReluName[] = ['relu1_1', 'relu1_2', 'relu2_2', 'relu3_1'];
  const cases = [
    { pooling: 'max', backend: 'cpu' },
    { pooling: 'avg', backend: 'cpu' },
    // wasm: with its Identity kernel replaced by a shared reference (tensor/sharedIdentity.ts).
    { pooling: 'max', backend: 'wasm' },
    // Replicate padding in conv1_1 (settings.edgePadding), against the tape through slices and concatenation.
    { pooling: 'max', backend: 'cpu', edge: 'replicate' },
    { pooling: 'max', backend: 'wasm', edge: 'replicate' },
  ] as const;
  for (const c of cases) {
    const { pooling, backend } = c;
    const edge: EdgePadding = 'edge' in c ? c.edge : 'zero';
    it(`gives the value and gradient of TensorFlow.js's own autodiff through plain ops (${pooling} pooling, odd sizes, ${backend}, ${edge} padding)`, async () => {
      await useBackend(backend);
      const net = VggNetwork.fromWeights(weights);
      const image = tf.tensor4d(randomValues(13 * 10 * 3, 5, 0, 1), [1, 13, 10, 3]);
      const other = tf.tensor4d(randomValues(13 * 10 * 3, 6, 0, 1), [1, 13, 10, 3]);
      const kept = tf.tidy(() => {
        const m = plainFeatures(weights, other, pooling, edge);
        return layers.map((l) => m.get(l)!);
      });
      const targets = new Map(layers.map((l, i) => [l, kept[i]!]));
      const before = tf.memory().numTensors;
      const { value, grad } = net.gradient(image, layers, pooling, (f) => costOf(f, targets), edge);
      expect(tf.memory().numTensors).toBe(before + 2);
      const expected = tf.tidy(() => {
        const { value: v, grad: g } = tf.valueAndGrad((x: tf.Tensor) => costOf(plainFeatures(weights, x as tf.Tensor4D, pooling, edge), targets))(image);
        return { v: v.dataSync()[0]!, g: g.dataSync().slice() };
      });
      expect(value.dataSync()[0]).toBeCloseTo(expected.v, 4);
      const got = grad.dataSync();
      const scale = Math.max(...expected.g.map(Math.abs));
      expect(scale).toBeGreaterThan(0);
      const worst = Math.max(...got.map((v, i) => Math.abs(v - expected.g[i]!)));
      expect(worst / scale).toBeLessThan(1e-4);
      tf.dispose([value, grad, image, other, ...targets.values()]);
      net.dispose();
    });
  }
});
