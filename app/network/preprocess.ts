import * as tf from '@tensorflow/tfjs-core';

/** ImageNet channel means of the Caffe VGG models, in RGB order. */
export const CAFFE_MEAN_RGB: readonly [number, number, number] = [123.68, 116.779, 103.939];

/**
 * RGB in [0, 1] → Caffe input scale (0–255, mean subtracted). The BGR channel order that the
 * weights expect is folded into conv1_1's kernel instead (see vgg.ts), which is exact and free.
 */
export function toCaffeScale(rgb: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.sub(tf.mul(rgb, 255), tf.tensor1d([...CAFFE_MEAN_RGB])) as tf.Tensor4D);
}
