import * as tf from '@tensorflow/tfjs-core';
import { gramMatrix } from './gram.js';

/**
 * Gram matrix of the masked region of a feature map (Gatys et al. 2017, spatial control):
 * (F ⊙ m)ᵀ(F ⊙ m) / Σ m², so a region's statistics are an average over that region alone.
 * `mask` is [1, H, W, 1] at the feature map's resolution, values in [0, 1].
 */
export function maskedGram(features: tf.Tensor4D, mask: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const [, h, w] = features.shape;
    const area = tf.add(tf.sum(tf.square(mask)), 1e-6);
    return tf.mul(gramMatrix(tf.mul(features, mask) as tf.Tensor4D), tf.div(h * w, area)) as tf.Tensor2D;
  });
}
