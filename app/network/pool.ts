import * as tf from '@tensorflow/tfjs-core';
import { unaryCustomGrad } from '../tensor/unaryCustomGrad.js';

export type Pooling = 'max' | 'avg';

/** Nearest-neighbour ×2 upsampling, padded with zeros to the pooled input's size when it was odd. */
function spreadToInput(t: tf.Tensor4D, inputShape: number[]): tf.Tensor4D {
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
 */
export function pool2x2(x: tf.Tensor4D, kind: Pooling): tf.Tensor4D {
  const f = unaryCustomGrad((x4: tf.Tensor4D, save) => {
    const y = kind === 'max' ? tf.maxPool(x4, 2, 2, 'valid') : tf.avgPool(x4, 2, 2, 'valid');
    save(kind === 'max' ? [x4, y] : []);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor4D, saved) => {
        const spread = spreadToInput(dy, x4.shape);
        if (kind === 'avg') return tf.mul(spread, 0.25);
        const [xs, ys] = saved as [tf.Tensor4D, tf.Tensor4D];
        const isMax = tf.cast(tf.equal(xs, spreadToInput(ys, xs.shape)), 'float32');
        return tf.mul(spread, isMax);
      },
    };
  });
  return f(x);
}
