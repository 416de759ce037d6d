import * as tf from '@tensorflow/tfjs-core';
import { unaryCustomGrad } from '../tensor/unaryCustomGrad.js';

/** Positions per slice of a Gram sum: bounds the copies that the matrix product makes (see gramSum). */
const SLICE_POSITIONS = 1 << 16;

/**
 * FᵀF of an (H·W) × C matrix, summed over slices of positions. On wasm a product makes a transposed copy of
 * Fᵀ and packs F as XNNPACK weights, two more copies of the whole feature map (768 MB at relu1_1 of a
 * 1024 × 1024 picture, which is how such pictures ran out of the 4 GB heap); per slice they stay small.
 */
export function gramSum(flat: tf.Tensor2D): tf.Tensor2D {
  const [n, c] = flat.shape;
  if (n <= SLICE_POSITIONS) return tf.tidy(() => tf.matMul(tf.transpose(flat), flat) as tf.Tensor2D);
  let sum: tf.Tensor2D | null = null;
  for (let row = 0; row < n; row += SLICE_POSITIONS) {
    const part = tf.tidy(() => {
      const s = tf.slice(flat, [row, 0], [Math.min(SLICE_POSITIONS, n - row), c]);
      return tf.matMul(tf.transpose(s), s) as tf.Tensor2D;
    });
    const prev: tf.Tensor2D | null = sum;
    sum = prev ? (tf.add(prev, part) as tf.Tensor2D) : part;
    if (prev) {
      prev.dispose();
      part.dispose();
    }
  }
  return sum!;
}

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
      value: tf.tidy(() => tf.div(gramSum(flat), n) as tf.Tensor2D),
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

/**
 * ⟨D, FᵀF⟩ for an (H·W) × C matrix F and a C × C matrix D: the linearisation of a style cost at a known Gram
 * matrix (tiled and split objectives). With `gram` (FᵀF, already summed in the forward pass) the value costs
 * a C × C product; without it, Σ (F D) ⊙ F, one more pass over F. Its gradient, F (D + Dᵀ), is written
 * out: TensorFlow.js's own gradient of F D multiplies by Dᵀ through the transposed-operand path, which is
 * an order of magnitude slower on wasm.
 */
export function gramPairing(flat: tf.Tensor2D, d: tf.Tensor2D, gram?: tf.Tensor2D): tf.Scalar {
  const f = unaryCustomGrad((input: tf.Tensor2D, save) => {
    save([input]);
    return {
      value: tf.tidy(() => tf.sum(gram ? tf.mul(gram, d) : tf.mul(tf.matMul(input, d), input)) as tf.Scalar),
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => tf.tidy(() => tf.mul(tf.matMul(saved[0] as tf.Tensor2D, tf.add(d, tf.transpose(d))), dy)),
    };
  });
  return f(flat);
}
