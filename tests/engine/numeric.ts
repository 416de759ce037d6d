import * as tf from '@tensorflow/tfjs-core';

/**
 * Central finite differences of a scalar function of one tensor, at `count` evenly spread elements
 * (all of them when the tensor is small). Computed in float64 on the JS side of the perturbation.
 */
export function finiteDifferences(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, h = 1e-2, count = 24): { index: number; value: number }[] {
  const base = x.dataSync().slice();
  const n = base.length;
  const step = Math.max(1, Math.floor(n / count));
  const out: { index: number; value: number }[] = [];
  for (let i = 0; i < n; i += step) {
    const at = (delta: number) =>
      tf.tidy(() => {
        const v = base.slice();
        v[i] = v[i]! + delta;
        return f(tf.tensor(v, x.shape)).dataSync()[0]!;
      });
    out.push({ index: i, value: (at(h) - at(-h)) / (2 * h) });
  }
  return out;
}

/** Asserts the analytic gradient matches finite differences, relative to the gradient's scale. */
export function gradientError(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, h = 1e-2): number {
  const analytic = tf.tidy(() => tf.grad(f)(x).dataSync().slice());
  const scale = Math.max(...analytic.map(Math.abs), 1e-12);
  const numeric = finiteDifferences(f, x, h);
  return Math.max(...numeric.map(({ index, value }) => Math.abs(value - analytic[index]!) / scale));
}

/** Deterministic pseudo-random values (mulberry32) for test tensors. */
export function randomValues(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return out;
}
