import * as tf from '@tensorflow/tfjs-core';
import { unaryCustomGrad } from '../tensor/unaryCustomGrad.js';

/** A 3×3 convolution + bias + ReLU whose input gradient is a forward convolution. */
export interface ConvReluParams {
  kernel: tf.Tensor4D;
  bias: tf.Tensor1D;
  /** The kernel flipped in space with in/out channels swapped: the adjoint of the convolution. */
  adjoint: tf.Tensor4D;
}

export function makeConvReluParams(kernel: tf.Tensor4D, bias: tf.Tensor1D): ConvReluParams {
  const adjoint = tf.tidy(() => tf.transpose(tf.reverse(kernel, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D);
  return { kernel, bias, adjoint };
}

/**
 * relu(conv2d(x, kernel, 'same') + bias), differentiable in x only (the network is frozen).
 * TensorFlow.js computes the input gradient with Conv2DBackpropInput, ten times slower than a forward
 * convolution on the wasm backend; for stride 1 and 'same' padding of an odd kernel, the gradient equals
 * the forward convolution of the upstream gradient with the adjoint kernel, which is what we use.
 */
export function convRelu(x: tf.Tensor4D, p: ConvReluParams): tf.Tensor4D {
  const f = unaryCustomGrad<tf.Tensor4D, tf.Tensor4D>((input, save) => {
    const y = tf.fused.conv2d({ x: input, filter: p.kernel, strides: 1, pad: 'same', bias: p.bias, activation: 'relu' });
    save([y]);
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const active = tf.step(saved[0]!);
        return tf.conv2d(tf.mul(dy, active) as tf.Tensor4D, p.adjoint, 1, 'same');
      },
    };
  });
  return f(x);
}
