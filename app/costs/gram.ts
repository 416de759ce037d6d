import * as tf from '@tensorflow/tfjs-core';
import { unaryCustomGrad } from '../tensor/unaryCustomGrad.js';

/**
 * Gram matrix of a feature map, normalised by the number of positions: G = FᵀF / (H·W), with F the
 * (H·W) × C matrix of activations. The normalisation makes G an average, independent of image size.
 * The gradient is written out (dF = F (dG + dGᵀ) / (H·W)) because TensorFlow.js's matMul gradient takes
 * the transposed-operand path, which is an order of magnitude slower on wasm. The 1/(H·W) is applied to
 * the C × C factor, not to the (H·W) × C result, which saves a pass over the feature map.
 */
export function gramMatrix(features: tf.Tensor4D): tf.Tensor2D {
  const [, h, w, c] = features.shape;
  const n = h * w;
  const f = unaryCustomGrad((input: tf.Tensor4D, save) => {
    const flat = tf.reshape(input, [n, c]) as tf.Tensor2D;
    save([flat]);
    return {
      value: tf.div(tf.matMul(tf.transpose(flat), flat), n) as tf.Tensor2D,
      // tf.tidy: TensorFlow.js calls a custom gradFunc outside any scope, so its temporaries would
      // otherwise live until the whole backward pass ends.
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.tidy(() => {
          const sym = tf.div(tf.add(dy, tf.transpose(dy)), n) as tf.Tensor2D;
          return tf.reshape(tf.matMul(saved[0] as tf.Tensor2D, sym), input.shape);
        }),
    };
  });
  return f(features);
}
