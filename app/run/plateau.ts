import type { Scale } from './scales.js';

/** Iterations over which the fall of the cost is measured. */
export const PLATEAU_WINDOW = 10;

/**
 * Ends a scale once its cost has stopped falling: when the best cost of the last PLATEAU_WINDOW iterations
 * is lower than the best before them by less than `minImprovement` (a fraction) per iteration, and at
 * least `minIterations` have run. Best costs, not last ones, so that one poor step of L-BFGS (which has no
 * line search) neither ends a scale nor keeps it going.
 */
export class Plateau {
  private readonly costs: number[] = [];

  constructor(
    private readonly minImprovement: number,
    private readonly minIterations: number,
  ) {}

  /** Records an iteration's total cost; true when the scale should end after it. */
  add(cost: number): boolean {
    this.costs.push(cost);
    const n = this.costs.length;
    if (!(this.minImprovement > 0) || n < Math.max(this.minIterations, PLATEAU_WINDOW + 1)) return false;
    const before = Math.min(...this.costs.slice(0, n - PLATEAU_WINDOW));
    const recent = Math.min(...this.costs.slice(n - PLATEAU_WINDOW));
    return (before - recent) / (Math.abs(before) * PLATEAU_WINDOW) < this.minImprovement;
  }
}

/**
 * The improvement per iteration a scale must keep up to go on: `minImprovement` at the first scale, and in
 * proportion to the pixels at finer ones, whose iterations cost that much more: the same gain per unit of work.
 */
export function improvementNeeded(minImprovement: number, scale: Scale, first: Scale): number {
  return (minImprovement * scale.width * scale.height) / (first.width * first.height);
}
