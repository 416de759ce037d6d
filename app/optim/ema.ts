import * as tf from '@tensorflow/tfjs-core';

/**
 * Exponential moving average of the iterates, bias-corrected (crowsonkb/style-transfer-pytorch shows
 * and exports this average: it removes the optimiser's pixel-level jitter).
 */
export class Ema {
  private sum: tf.Tensor | null = null;
  private t = 0;

  constructor(readonly decay: number) {}

  update(x: tf.Tensor): void {
    const prev = this.sum;
    this.t += 1;
    this.sum = prev ? tf.tidy(() => tf.add(tf.mul(prev, this.decay), tf.mul(x, 1 - this.decay))) : tf.mul(x, 1 - this.decay);
    prev?.dispose();
  }

  /** The bias-corrected average (a new tensor), or null before the first update. */
  value(): tf.Tensor | null {
    if (!this.sum) return null;
    const s = this.sum;
    return tf.tidy(() => tf.div(s, 1 - this.decay ** this.t));
  }

  dispose(): void {
    this.sum?.dispose();
    this.sum = null;
    this.t = 0;
  }
}

/** Decay for a scale of n iterations: averages over about the last tenth of them, at most 0.99 as crowsonkb. */
export function emaDecayFor(iterations: number): number {
  return Math.min(0.99, Math.max(0.5, 1 - 10 / Math.max(iterations, 1)));
}
