import { fitLongestSide } from '../image/resize.js';

export interface Scale {
  width: number;
  height: number;
  iterations: number;
}

export interface ScaleOptions {
  /** Longest side of the first scale, px. */
  startSize: number;
  /** Ratio between successive scales' longest sides. */
  step: number;
  /** Each scale gets this fraction of the previous one's iterations (before rounding). */
  iterationDecay: number;
}

export const DEFAULT_SCALES: ScaleOptions = { startSize: 128, step: Math.SQRT2, iterationDecay: 0.75 };

/** Longest sides from the target down by `step` while they stay ≥ startSize, smallest first. */
function longestSides(target: number, o: ScaleOptions): number[] {
  const sides = [target];
  for (let s = target / o.step; Math.round(s) >= o.startSize; s /= o.step) sides.unshift(Math.round(s));
  return sides;
}

/** Splits `total` into integer shares proportional to `weights`, each at least 1, summing to `total`. */
export function splitIterations(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const shares = exact.map((e) => Math.max(1, Math.floor(e)));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r);
  for (let k = 0; left > 0; k = (k + 1) % shares.length, left--) shares[byRemainder[k]!.i]! += 1;
  for (let i = shares.length - 1; left < 0 && i >= 0; i--) {
    const take = Math.min(shares[i]! - 1, -left);
    shares[i]! -= take;
    left += take;
  }
  return shares;
}

/**
 * Coarse-to-fine schedule (crowsonkb/style-transfer-pytorch): from `startSize` up to the target longest
 * side in steps of `step`, fewer iterations at each larger (costlier) scale. When the total iterations are
 * fewer than the scales, the coarsest scales are dropped.
 */
export function scaleSchedule(width: number, height: number, target: number, iterations: number, o: ScaleOptions = DEFAULT_SCALES): Scale[] {
  if (!(iterations >= 1)) throw new Error('iterations must be at least 1');
  const sides = longestSides(target, o).slice(-iterations);
  const counts = splitIterations(iterations, sides.map((_, i) => o.iterationDecay ** i));
  return sides.map((side, i) => ({ ...fitLongestSide(width, height, side), iterations: counts[i]! }));
}

/**
 * Hands `spare` iterations (saved by a scale that ended early) to the scales after `from`, in proportion to
 * their planned iterations, the remainder to the final one: the finest scales are where detail is made.
 */
export function shareOut(budgets: number[], from: number, spare: number): number[] {
  const next = [...budgets];
  const later = next.slice(from + 1);
  const sum = later.reduce((a, b) => a + b, 0);
  if (spare <= 0 || later.length === 0 || sum === 0) return next;
  let left = spare;
  for (let i = from + 1; i < next.length; i++) {
    const share = Math.floor((spare * budgets[i]!) / sum);
    next[i]! += share;
    left -= share;
  }
  next[next.length - 1]! += left;
  return next;
}
