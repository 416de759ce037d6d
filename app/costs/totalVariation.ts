import * as tf from '@tensorflow/tfjs-core';

/**
 * Total variation (squared form): the mean squared difference between horizontally and vertically
 * neighbouring pixel values of an RGB image in [0, 1]. A mean, so independent of image size.
 */
export function totalVariation(image: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => {
    const [, h, w, c] = image.shape;
    const dy = tf.squaredDifference(tf.slice(image, [0, 1, 0, 0], [-1, h - 1, w, c]), tf.slice(image, [0, 0, 0, 0], [-1, h - 1, w, c]));
    const dx = tf.squaredDifference(tf.slice(image, [0, 0, 1, 0], [-1, h, w - 1, c]), tf.slice(image, [0, 0, 0, 0], [-1, h, w - 1, c]));
    return tf.add(tf.mean(dy), tf.mean(dx)) as tf.Scalar;
  });
}
