import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { convRelu, makeConvReluParams } from '../../app/network/convRelu.js';
import { pool2x2 } from '../../app/network/pool.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { gradientError, randomValues } from './numeric.js';
import { syntheticVggWeights } from './syntheticWeights.js';

await useBackend('cpu');

function reference(f: (x: tf.Tensor4D) => tf.Tensor, x: tf.Tensor4D, weights: tf.Tensor) {
  return tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f(t as tf.Tensor4D), weights)))(x).dataSync().slice());
}

describe('convRelu', () => {
  const kernel = tf.tensor4d(randomValues(3 * 3 * 4 * 5, 11), [3, 3, 4, 5]);
  const bias = tf.tensor1d(randomValues(5, 12, -0.2, 0.2));
  const params = makeConvReluParams(kernel, bias);
  const x = tf.tensor4d(randomValues(1 * 6 * 7 * 4, 13), [1, 6, 7, 4]);
  const weights = tf.tensor4d(randomValues(1 * 6 * 7 * 5, 14), [1, 6, 7, 5]);

  it('computes relu(conv + bias) like TensorFlow.js', () => {
    const ours = convRelu(x, params).dataSync();
    const theirs = tf.relu(tf.add(tf.conv2d(x, kernel, 1, 'same'), bias)).dataSync();
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 5));
  });

  it("has the input gradient of TensorFlow.js's own (Conv2DBackpropInput) and of finite differences", () => {
    const ours = reference((t) => convRelu(t, params), x, weights);
    const theirs = reference((t) => tf.relu(tf.add(tf.conv2d(t, kernel, 1, 'same'), bias)), x, weights);
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 4));
    expect(gradientError((t) => tf.sum(tf.mul(convRelu(t as tf.Tensor4D, params), weights)) as tf.Scalar, x, 1e-3)).toBeLessThan(5e-3);
  });
});

describe('pool2x2', () => {
  for (const kind of ['max', 'avg'] as const) {
    for (const [h, w] of [
      [6, 8],
      [7, 5],
    ]) {
      it(`${kind} pooling of ${h}×${w} matches TensorFlow.js in value and gradient`, () => {
        const x = tf.tensor4d(randomValues(h * w * 3, h * 10 + w), [1, h, w, 3]);
        const ref = (t: tf.Tensor4D) => (kind === 'max' ? tf.maxPool(t, 2, 2, 'valid') : tf.avgPool(t, 2, 2, 'valid'));
        const ph = Math.floor(h / 2);
        const pw = Math.floor(w / 2);
        const weights = tf.tensor4d(randomValues(ph * pw * 3, 99), [1, ph, pw, 3]);
        expect(Array.from(pool2x2(x, kind).dataSync())).toEqual(Array.from(ref(x).dataSync()));
        const ours = reference((t) => pool2x2(t, kind), x, weights);
        const theirs = reference(ref, x, weights);
        ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 5));
      });
    }
  }
});

describe('VggNetwork', () => {
  it('returns the requested activations with the VGG strides and stops at the deepest one', () => {
    const net = VggNetwork.fromWeights(syntheticVggWeights(5));
    expect(net.available).toEqual(['relu1_1', 'relu1_2', 'relu2_1', 'relu2_2', 'relu3_1']);
    const before = tf.memory().numTensors;
    const shapes = tf.tidy(() => {
      const feats = net.features(tf.zeros([1, 16, 12, 3]) as tf.Tensor4D, ['relu1_1', 'relu2_1', 'relu3_1'], 'max');
      return [...feats.entries()].map(([k, v]) => [k, v.shape]);
    });
    expect(shapes).toEqual([
      ['relu1_1', [1, 16, 12, 64]],
      ['relu2_1', [1, 8, 6, 128]],
      ['relu3_1', [1, 4, 3, 256]],
    ]);
    expect(tf.memory().numTensors).toBe(before);
    expect(net.strideOf('relu3_1')).toBe(4);
    expect(() => net.features(tf.zeros([1, 8, 8, 3]) as tf.Tensor4D, ['relu4_1'], 'max')).toThrow(/relu4_1 is not in this model/);
    net.dispose();
  });
});
