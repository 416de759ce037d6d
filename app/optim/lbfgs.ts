import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer.js';

export interface LbfgsOptions {
  /** Correction pairs kept (the "m" of L-BFGS). */
  history: number;
  /** Step length once the curvature pairs set the scale. */
  learningRate: number;
  /** The first step moves no value by more than this (there is no curvature information yet). */
  firstStep: number;
  /**
   * No step moves any value by more than this: a trust region that stands in for a line search, which
   * would cost extra evaluations of the network. Without it, an early poor curvature estimate can throw
   * the image far off.
   */
  maxStep: number;
}

export const DEFAULT_LBFGS: LbfgsOptions = { history: 10, learningRate: 1, firstStep: 0.2, maxStep: 0.3 };

interface Pair {
  s: tf.Tensor;
  y: tf.Tensor;
  rho: tf.Scalar;
}

/**
 * Limited-memory BFGS (Nocedal 1980; Nocedal & Wright, Algorithm 7.4) with a fixed unit step and no
 * line search, as jcjohnson/neural-style runs it, so each call costs one gradient, like Adam. TensorFlow.js
 * has no L-BFGS. The first step, before any curvature is known, is a gradient step scaled so that no value
 * moves by more than `firstStep`. The two-loop recursion stays on the device (the only value read back is
 * the curvature test).
 */
export class Lbfgs implements Optimizer {
  private readonly pairs: Pair[] = [];
  private previous: { x: tf.Tensor; g: tf.Tensor } | null = null;

  constructor(readonly options: LbfgsOptions = DEFAULT_LBFGS) {}

  step<T extends tf.Tensor>(params: T, grad: T): T {
    if (this.previous) this.remember(params, grad);
    const direction = this.direction(grad);
    const next = tf.tidy(() => {
      const first = this.pairs.length === 0;
      const { firstStep, maxStep, learningRate } = this.options;
      const largest = tf.add(tf.max(tf.abs(direction)), 1e-12);
      const t = first ? tf.div(firstStep, largest) : tf.minimum(learningRate, tf.div(maxStep, largest));
      return tf.add(params, tf.mul(direction, t)) as T;
    });
    direction.dispose();
    this.previous?.x.dispose();
    this.previous?.g.dispose();
    this.previous = { x: tf.clone(params), g: tf.clone(grad) };
    return next;
  }

  /** Adds the pair (s, y) = (x_k − x_{k−1}, g_k − g_{k−1}) when it has positive curvature. */
  private remember(x: tf.Tensor, g: tf.Tensor): void {
    const prev = this.previous!;
    const s = tf.sub(x, prev.x);
    const y = tf.sub(g, prev.g);
    const ys = tf.tidy(() => tf.sum(tf.mul(y, s)));
    if (ys.dataSync()[0]! <= 1e-10) {
      tf.dispose([s, y, ys]);
      return;
    }
    this.pairs.push({ s, y, rho: tf.tidy(() => tf.div(1, ys)) });
    ys.dispose();
    if (this.pairs.length > this.options.history) {
      const old = this.pairs.shift()!;
      tf.dispose([old.s, old.y, old.rho]);
    }
  }

  /** −H g by the two-loop recursion, with H₀ = (sᵀy / yᵀy) I from the newest pair. */
  private direction(g: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      let q: tf.Tensor = g;
      const alphas: tf.Scalar[] = [];
      for (let i = this.pairs.length - 1; i >= 0; i--) {
        const { s, y, rho } = this.pairs[i]!;
        const a = tf.mul(rho, tf.sum(tf.mul(s, q))) as tf.Scalar;
        alphas[i] = a;
        q = tf.sub(q, tf.mul(a, y));
      }
      const newest = this.pairs[this.pairs.length - 1];
      let r = newest ? tf.mul(q, tf.div(tf.div(1, newest.rho), tf.sum(tf.square(newest.y)))) : q;
      for (let i = 0; i < this.pairs.length; i++) {
        const { s, y, rho } = this.pairs[i]!;
        const b = tf.mul(rho, tf.sum(tf.mul(y, r)));
        r = tf.add(r, tf.mul(s, tf.sub(alphas[i]!, b)));
      }
      return tf.neg(r);
    });
  }

  dispose(): void {
    for (const p of this.pairs) tf.dispose([p.s, p.y, p.rho]);
    this.pairs.length = 0;
    this.previous?.x.dispose();
    this.previous?.g.dispose();
    this.previous = null;
  }
}
