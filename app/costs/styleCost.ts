import * as tf from '@tensorflow/tfjs-core';
import { gramMatrix } from './gram.js';
import { maskedGram } from './maskedGram.js';

/** One style layer's target: the (blended) Gram matrix of the style images and the layer's weight. */
export interface StyleTarget {
  gram: tf.Tensor2D;
  weight: number;
}

/**
 * Style cost at one layer: ‖G − A‖² / ‖A‖², the squared Frobenius distance of the generated image's
 * Gram matrix G (see gram.ts) to the style target A, relative to A's own norm. Size independent, and
 * comparable across layers and styles, so layer weights and the user's style strength mean the same
 * thing for every image.
 */
export function styleLayerCost(features: tf.Tensor4D, target: tf.Tensor2D, mask?: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => {
    const g = mask ? maskedGram(features, mask) : gramMatrix(features);
    const norm = tf.sum(tf.square(target));
    return tf.div(tf.sum(tf.squaredDifference(g, target)), tf.maximum(norm, 1e-12)) as tf.Scalar;
  });
}

/**
 * Weighted mean of the per-layer style costs (weights are normalised to sum to 1). With `masks` (one per
 * layer, at the layer's resolution), only the masked region's statistics are compared.
 */
export function styleCost(features: readonly tf.Tensor4D[], targets: readonly StyleTarget[], masks?: readonly tf.Tensor4D[]): tf.Scalar {
  return tf.tidy(() => tf.addN(styleLayerTerms(features, targets, masks)) as tf.Scalar);
}

/** Each style layer's term of styleCost (its cost times its normalised weight); they sum to styleCost. */
export function styleLayerTerms(features: readonly tf.Tensor4D[], targets: readonly StyleTarget[], masks?: readonly tf.Tensor4D[]): tf.Scalar[] {
  if (features.length !== targets.length) throw new Error('styleCost: one feature map per style target');
  const total = targets.reduce((s, t) => s + t.weight, 0);
  return features.map((f, i) => tf.tidy(() => tf.mul(styleLayerCost(f, targets[i]!.gram, masks?.[i]), targets[i]!.weight / total) as tf.Scalar));
}
