import * as tf from '@tensorflow/tfjs-core';

/**
 * Content cost at one layer: ‖F − P‖² / ‖P‖², the squared error of the generated image's features F
 * against the content image's P, relative to P's energy. Being a ratio of two sums over positions,
 * it does not change with image size, and 1 means "as far from the content as a black feature map".
 */
export function contentCost(features: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const energy = tf.sum(tf.square(target));
    return tf.div(tf.sum(tf.squaredDifference(features, target)), tf.maximum(energy, 1e-12)) as tf.Scalar;
  });
}
