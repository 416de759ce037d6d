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
 * relu(conv2d(x, kernel, 'same') + bias) as one fused kernel. tf.fused.conv2d falls back to three
 * separate ops (conv, bias add, relu: two extra passes over the output) whenever a gradient is being
 * recorded, which is always the case here; the FusedConv2D kernel itself is exact and every backend has it.
 */
export function fusedConvRelu(x: tf.Tensor4D, p: ConvReluParams, pad: 'same' | 'valid' = 'same'): tf.Tensor4D {
  const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1], activation: 'relu' };
  return tf.engine().runKernel('FusedConv2D', { x, filter: p.kernel, bias: p.bias }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

/**
 * The gradient at a convolution's input from the gradient at its output (before the ReLU). 'valid': the
 * convolution read an input 1 px larger on every side (a padded picture), and this is the gradient there.
 */
export function convInputGradient(dy: tf.Tensor4D, p: ConvReluParams, pad: 'same' | 'valid' = 'same'): tf.Tensor4D {
  // A 3×3 'valid' convolution's adjoint is a 'full' one: the upstream gradient padded by 2.
  return tf.conv2d(dy, p.adjoint, 1, pad === 'same' ? 'same' : 2);
}

/**
 * relu(conv2d(x, kernel, 'same') + bias), differentiable in x only (the network is frozen).
 * TensorFlow.js computes the input gradient with Conv2DBackpropInput, ten times slower than a forward
 * convolution on the wasm backend; for stride 1 and 'same' padding of an odd kernel, the gradient equals
 * the forward convolution of the upstream gradient with the adjoint kernel, which is what we use.
 * The output is kept for the backward pass (TensorFlow.js keeps a copy); keeping only the ReLU's on/off
 * pattern as booleans would take a quarter of the memory, but making a bool tensor costs a slow pass on
 * wasm (its cast is a JavaScript loop), about 2 % of an iteration over all layers.
 */
export function convRelu(x: tf.Tensor4D, p: ConvReluParams): tf.Tensor4D {
  const f = unaryCustomGrad<tf.Tensor4D, tf.Tensor4D>((input, save) => {
    const y = fusedConvRelu(input, p);
    save([y]);
    return {
      value: y,
      // tf.tidy: TensorFlow.js calls a custom gradFunc outside any scope, so without it every temporary
      // here would live until the whole backward pass ends.
      gradFunc: (dy, saved) => tf.tidy(() => convInputGradient(tf.mul(dy, tf.step(saved[0]!)) as tf.Tensor4D, p)),
    };
  });
  return f(x);
}
