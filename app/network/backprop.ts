import * as tf from '@tensorflow/tfjs-core';
import type { Pooling } from './pool.js';

/**
 * Pieces of VggNetwork's hand-written backward pass (see VggNetwork.gradient). What the backward pass
 * needs of a layer is only where its ReLU was on and, before a pooling, which input won each window: both
 * are kept as bytes (bool tensors), a quarter of the float activation TensorFlow.js's tape would keep.
 * Bools are made by casting 0/1 floats: on wasm a cast is a typed-array copy, several times faster than
 * the comparison kernels (tf.greater, tf.equal), which take a slow generic path.
 */

/** 1 where x > 0, as bools. */
export function reluMask(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.cast(tf.step(x), 'bool') as tf.Tensor4D);
}

/** 1 where x > 0, as floats (for multiplying). */
export function asFloat(mask: tf.Tensor): tf.Tensor {
  return mask.dtype === 'float32' ? mask : tf.cast(mask, 'float32');
}

/** Nearest-neighbour ×2 upsampling, padded with zeros to the pooled input's size when it was odd. */
export function spreadToInput(t: tf.Tensor4D, inputShape: readonly number[]): tf.Tensor4D {
  const [, h, w] = t.shape;
  const up = tf.image.resizeNearestNeighbor(t, [h * 2, w * 2]);
  const padH = inputShape[1]! - h * 2;
  const padW = inputShape[2]! - w * 2;
  if (!padH && !padW) return up;
  const padded = tf.pad(up, [[0, 0], [0, padH], [0, padW], [0, 0]]);
  up.dispose();
  return padded;
}

export interface Pooled {
  value: tf.Tensor4D;
  /** Max pooling: bools marking the input positions equal to their window's maximum (ties share). */
  winners: tf.Tensor4D | null;
}

/** 2×2, stride 2 pooling, with what its gradient needs. */
export function poolForward(x: tf.Tensor4D, kind: Pooling): Pooled {
  if (kind === 'avg') return { value: tf.avgPool(x, 2, 2, 'valid'), winners: null };
  const value = tf.maxPool(x, 2, 2, 'valid');
  // x equals its window's maximum exactly where max − x is 0, i.e. where step(max − x) is 0.
  const winners = tf.tidy(() => tf.cast(tf.sub(1, tf.step(tf.sub(spreadToInput(value, x.shape), x))), 'bool') as tf.Tensor4D);
  return { value, winners };
}

/** The gradient at a pooling's input from the gradient at its output (avg: a quarter to each input). */
export function poolBackward(dy: tf.Tensor4D, inputShape: readonly number[], winners: tf.Tensor4D | null): tf.Tensor4D {
  return tf.tidy(() => {
    const spread = spreadToInput(dy, inputShape);
    return (winners ? tf.mul(spread, asFloat(winners)) : tf.mul(spread, 0.25)) as tf.Tensor4D;
  });
}
