import { COLOUR_MODES, type ColourMode } from '../colour/colourMode.js';
import type { Pooling } from '../network/pool.js';
import { EDGE_PADDINGS, type EdgePadding } from '../network/edgePadding.js';
import { OPTIMIZERS, type OptimizerName } from '../optim/optimizer.js';

export type InitMode = 'content' | 'noise' | 'image';

/** Everything that shapes a run. The UI, CLI and saved settings all speak this. */
export interface StyleSettings {
  /** Longest side of the output, px. */
  size: number;
  /** Iterations across all scales. */
  iterations: number;
  /** How strongly the style is imposed; 1 is balanced, 0 keeps the photo. */
  styleStrength: number;
  /** How strongly the photo's structure is kept. */
  contentWeight: number;
  /** Total-variation weight: higher is smoother, lower keeps fine texture. */
  smoothness: number;
  init: InitMode;
  seed: number;
  pooling: Pooling;
  /** Adam (cheap, steady) or L-BFGS (fewer iterations for the same cost, more memory). */
  optimizer: OptimizerName;
  /** Adam's step on [0, 1] pixels (L-BFGS uses its own unit step). */
  learningRate: number;
  /** Longest side of the first (coarsest) scale. */
  startSize: number;
  /**
   * Seconds between preview frames (the first comes after the first iteration; frames never take more than
   * 5 % of the run, see run/previewTimer.ts). Replaces `previewEvery` (iterations) of older records.
   */
  previewSeconds: number;
  /** Size of the style image relative to the output: 2 makes brush strokes twice as large. */
  styleScale: number;
  /** Blend weight of each style image; equal when absent. */
  styleBlend?: number[];
  /** Weight of each style layer of the model, in order (relu1_1, relu2_1, …); equal when absent. */
  styleLayerWeights?: number[];
  /** Whose colours the result has (see colour/colourMode.ts). */
  colour: ColourMode;
  /**
   * Largest picture (in pixels) the network processes in one pass; larger scales are computed in
   * overlapping tiles (see run/tiledObjective.ts), which bounds memory at any output size.
   */
  maxPassPixels: number;
  /** Context around each tile, px: the network's receptive radius makes tiled gradients exact. */
  tileHalo: number;
  /**
   * A scale ends early once its cost falls by less than this fraction per iteration (run/plateau.ts), at the
   * first scale; finer scales, whose iterations cost more, must gain more in proportion to their pixels. A
   * scale's unused iterations go to the finer scales, so `iterations` is an upper bound. 0 runs every iteration.
   */
  minImprovement: number;
  /** What the first convolution sees past the picture's edge: zeros, or the edge pixels repeated (network/edgePadding.ts). */
  edgePadding: EdgePadding;
}

/** Largest output we accept, px on the longest side (prints). */
export const MAX_OUTPUT_SIZE = 4096;

export const DEFAULT_SETTINGS: StyleSettings = {
  size: 512,
  iterations: 500,
  styleStrength: 1,
  contentWeight: 1,
  smoothness: 1,
  init: 'content',
  seed: 0,
  pooling: 'max',
  // L-BFGS reaches a lower cost per second than Adam on the real weights (docs/benchmarks.md).
  optimizer: 'lbfgs',
  learningRate: 0.02,
  startSize: 128,
  previewSeconds: 0.5,
  styleScale: 1,
  colour: 'style',
  maxPassPixels: 1024 * 1024,
  // Covers the receptive field of VGG19 up to conv3 and most of conv4's; random grid offsets hide the rest.
  tileHalo: 48,
  minImprovement: 0.0005,
  edgePadding: 'zero',
};

/**
 * The user-facing numbers are multiples of these, chosen on the real VGG19 weights so that the defaults
 * (all 1) give a clearly painted picture that keeps the photo's structure. See costs/ for why every cost
 * is size independent.
 */
export const COST_UNITS = { content: 1, style: 10, smoothness: 1 };

/** The settings' weights of the content, style and smoothness costs, in the costs' units. */
export function costWeights(settings: StyleSettings): { content: number; style: number; tv: number } {
  const { contentWeight, styleStrength, smoothness } = settings;
  return { content: contentWeight * COST_UNITS.content, style: styleStrength * COST_UNITS.style, tv: smoothness * COST_UNITS.smoothness };
}

export function checkSettings(s: StyleSettings): void {
  const positiveInt = (v: number, name: string, min = 1) => {
    if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be a whole number ≥ ${min} (got ${v})`);
  };
  const nonNegative = (v: number, name: string) => {
    if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a number ≥ 0 (got ${v})`);
  };
  positiveInt(s.size, 'size', 16);
  if (s.size > MAX_OUTPUT_SIZE) throw new Error(`size must be at most ${MAX_OUTPUT_SIZE} px (got ${s.size})`);
  positiveInt(s.tileHalo, 'tileHalo', 4);
  positiveInt(s.maxPassPixels, 'maxPassPixels', (3 * s.tileHalo) ** 2);
  positiveInt(s.iterations, 'iterations');
  if (!(s.previewSeconds >= 0)) throw new Error(`previewSeconds must be a number ≥ 0 (got ${s.previewSeconds})`);
  positiveInt(s.startSize, 'startSize', 16);
  if (!Number.isInteger(s.seed)) throw new Error(`seed must be a whole number (got ${s.seed})`);
  nonNegative(s.styleStrength, 'styleStrength');
  nonNegative(s.contentWeight, 'contentWeight');
  nonNegative(s.smoothness, 'smoothness');
  if (!(s.minImprovement >= 0 && s.minImprovement < 1)) throw new Error(`minImprovement must be a number from 0 to below 1 (got ${s.minImprovement})`);
  if (!(s.learningRate > 0)) throw new Error(`learningRate must be > 0 (got ${s.learningRate})`);
  if (!(s.styleScale > 0)) throw new Error(`styleScale must be > 0 (got ${s.styleScale})`);
  if (!OPTIMIZERS.includes(s.optimizer)) throw new Error(`optimizer must be one of ${OPTIMIZERS.join(', ')} (got ${s.optimizer})`);
  if (!EDGE_PADDINGS.includes(s.edgePadding)) throw new Error(`edgePadding must be one of ${EDGE_PADDINGS.join(', ')} (got ${s.edgePadding})`);
  if (!COLOUR_MODES.includes(s.colour)) throw new Error(`colour must be one of ${COLOUR_MODES.join(', ')} (got ${s.colour})`);
  if (s.styleBlend?.some((w) => !Number.isFinite(w) || w < 0)) throw new Error('style blend weights must be numbers ≥ 0');
  checkStyleLayerWeights(s.styleLayerWeights);
}

/** Per-layer style weights: numbers ≥ 0, at least one above 0 (how many the model needs is checked against it). */
export function checkStyleLayerWeights(weights: readonly number[] | undefined): void {
  if (!weights) return;
  if (weights.length === 0) throw new Error('styleLayerWeights must list one weight per style layer (got none)');
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) throw new Error(`style layer weights must be numbers ≥ 0 (got ${weights.join(', ')})`);
  if (weights.every((w) => w === 0)) throw new Error('at least one style layer weight must be above 0');
}
