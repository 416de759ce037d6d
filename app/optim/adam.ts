import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer.js';

export interface AdamOptions {
  learningRate: number;
  beta1: number;
  beta2: number;
  /** Always explicit: TensorFlow.js would pick 1e-4 on devices with 16-bit float textures. */
  epsilon: number;
}

export const DEFAULT_ADAM: AdamOptions = { learningRate: 0.02, beta1: 0.9, beta2: 0.99, epsilon: 1e-8 };

/** Adam (Kingma & Ba 2015) on one tensor, with bias correction. Owns its moment tensors. */
export class Adam implements Optimizer {
  private m: tf.Tensor | null = null;
  private v: tf.Tensor | null = null;
  private t = 0;

  constructor(readonly options: AdamOptions = DEFAULT_ADAM) {}

  /**
   * Returns the updated parameters (a new tensor; the caller disposes the old one). One tf.tidy per line, so
   * each line's temporaries are freed before the next: at a 4096 × 2725 print the step then holds four
   * pictures more than it keeps, where one tidy around it all held fourteen (docs/benchmarks.md).
   */
  step<T extends tf.Tensor>(params: T, grad: T): T {
    const { learningRate, beta1, beta2, epsilon } = this.options;
    const t = (this.t += 1);
    const m0 = this.m ?? tf.zerosLike(grad);
    const m = tf.tidy(() => tf.add(tf.mul(m0, beta1), tf.mul(grad, 1 - beta1)));
    m0.dispose();
    this.m = m;
    const v0 = this.v ?? tf.zerosLike(grad);
    const squared = tf.tidy(() => tf.mul(tf.square(grad), 1 - beta2));
    const v = tf.tidy(() => tf.add(tf.mul(v0, beta2), squared));
    tf.dispose([v0, squared]);
    this.v = v;
    const denominator = tf.tidy(() => tf.add(tf.sqrt(tf.div(v, 1 - beta2 ** t)), epsilon));
    const change = tf.tidy(() => tf.mul(tf.div(tf.div(m, 1 - beta1 ** t), denominator), learningRate));
    denominator.dispose();
    const next = tf.sub(params, change) as T;
    change.dispose();
    return next;
  }

  get iterations(): number {
    return this.t;
  }

  /**
   * A new Adam for the same picture at another size, continuing from this one's moments resized (bilinear;
   * the second moment stays ≥ 0) and step count, as crowsonkb/style-transfer-pytorch warm-starts each scale.
   * This one keeps its own tensors (the caller disposes it).
   */
  resizedTo(height: number, width: number): Adam {
    const next = new Adam(this.options);
    next.t = this.t;
    const resize = (t: tf.Tensor | null) => (t ? tf.tidy(() => tf.image.resizeBilinear(t as tf.Tensor4D, [height, width], false, true)) : null);
    next.m = resize(this.m);
    next.v = resize(this.v);
    return next;
  }

  dispose(): void {
    this.m?.dispose();
    this.v?.dispose();
    this.m = this.v = null;
  }
}
