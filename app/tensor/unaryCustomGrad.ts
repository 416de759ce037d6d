import * as tf from '@tensorflow/tfjs-core';

export interface UnaryGradient<T extends tf.Tensor> {
  value: T;
  gradFunc: (dy: T, saved: tf.Tensor[]) => tf.Tensor;
}

/** tf.customGrad for a function of one tensor, with the types TensorFlow.js's variadic signature loses. */
export function unaryCustomGrad<I extends tf.Tensor, O extends tf.Tensor>(
  f: (input: I, save: tf.GradSaveFunc) => UnaryGradient<O>,
): (input: I) => O {
  type Variadic = Parameters<typeof tf.customGrad<O>>[0];
  const g = tf.customGrad(((input: I, save: tf.GradSaveFunc) => f(input, save)) as unknown as Variadic);
  return (input) => g(input) as O;
}
