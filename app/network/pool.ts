import * as tf from '@tensorflow/tfjs-core';
import { unaryCustomGrad } from '../tensor/unaryCustomGrad.js';

export type Pooling = 'max' | 'avg';

/** Nearest-neighbour ×2 upsampling, padded with zeros to the pooled input's size when it was odd. */
function spreadToInput(t: tf.Tensor4D, inputShape: readonly number[]): tf.Tensor4D {
  const [, h, w] = t.shape;
  const up = tf.image.resizeNearestNeighbor(t, [h * 2, w * 2]);
  const padH = inputShape[1]! - h * 2;
  const padW = inputShape[2]! - w * 2;
  return padH || padW ? tf.pad(up, [[0, 0], [0, padH], [0, padW], [0, 0]]) : up;
}

/**
 * 2×2, stride 2 pooling with a cheap gradient. TensorFlow.js's own pooling gradients cost 10–30× the
 * forward pass on wasm. Max pooling routes the gradient to the input positions equal to the window's
 * maximum (ties get a share each: after a ReLU the only ties are zeros, whose gradient the ReLU drops).
 * Which positions are maxima is worked out in the forward pass and kept as a 0/1 mask, instead of keeping
 * the input and the output (TensorFlow.js keeps a copy of every saved tensor).
 */
export function pool2x2(x: tf.Tensor4D, kind: Pooling): tf.Tensor4D {
  const f = unaryCustomGrad((x4: tf.Tensor4D, save) => {
    const inputShape = x4.shape;
    if (kind === 'avg') {
      save([]);
      return {
        value: tf.avgPool(x4, 2, 2, 'valid'),
        gradFunc: (dy: tf.Tensor4D) => tf.tidy(() => tf.mul(spreadToInput(dy, inputShape), 0.25)),
      };
    }
    const y = tf.maxPool(x4, 2, 2, 'valid');
    // x equals its window's maximum exactly where max − x is 0: 1 − step(max − x). Four passes of the
    // fast elementwise kernels are several times cheaper on wasm than one tf.equal.
    save([tf.sub(1, tf.step(tf.sub(spreadToInput(y, inputShape), x4)))]);
    return {
      value: y,
      // tf.tidy: TensorFlow.js calls a custom gradFunc outside any scope (see convRelu.ts).
      gradFunc: (dy: tf.Tensor4D, saved) => tf.tidy(() => tf.mul(spreadToInput(dy, inputShape), saved[0]!)),
    };
  });
  return f(x);
}
