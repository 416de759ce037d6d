import type * as tf from '@tensorflow/tfjs-core';

/** One optimisation step on the image: new parameters from the current ones and their gradient. */
export interface Optimizer {
  /** Returns new parameters (a new tensor; the caller disposes the old one and the gradient). */
  step<T extends tf.Tensor>(params: T, grad: T): T;
  dispose(): void;
}

export type OptimizerName = 'adam' | 'lbfgs';
export const OPTIMIZERS: readonly OptimizerName[] = ['adam', 'lbfgs'];
