import * as tf from '@tensorflow/tfjs-core';
import { resizeImage } from '../image/resize.js';
import type { LayerChoice } from './layerPresets.js';
import { totalVariationWithGradient } from '../costs/totalVariation.js';
import type { CostAndGradient, ObjectiveInputs } from './scaleObjective.js';
import type { Scale } from './scales.js';
import { costWeights, type StyleSettings } from './settings.js';
import type { TileGramSums } from './tileTask.js';

/**
 * What the objectives that sum Gram matrices piece by piece (tiledObjective.ts, splitObjective.ts) share:
 * the style regions of a scale, and the style cost's slope in a region's un-normalised Gram sum.
 */

/** A style region, with masks at each style layer's resolution for the whole picture. */
export interface StyleRegion {
  weight: number;
  layerMasks: tf.Tensor4D[] | null;
  targets: tf.Tensor2D[];
  targetNorms: number[];
}

/** Per region and style layer: Σ (F⊙m)ᵀ(F⊙m) over the picture, and Σ m² (the position count without a mask). */
export interface GramSums {
  sums: tf.Tensor2D[][];
  weights: number[][];
}

export interface StyleSlopes {
  style: number;
  layerStyle: number[];
  /** Per region and layer: D, the cost's slope in the Gram sum S. */
  slopes: tf.Tensor2D[][];
}

/**
 * Without style masks: one region, the blend of all styles, over the whole picture (or what the keep mask
 * leaves). With style masks: one region per style, each normalised so overlaps share. `grams` (per style,
 * per style layer, normalised Gram matrices) are disposed.
 */
export function styleRegions(
  grams: tf.Tensor2D[][],
  inputs: ObjectiveInputs,
  keepMask: tf.Tensor4D | null,
  scale: Scale,
  settings: StyleSettings,
  layerMasksOf: (mask: tf.Tensor4D) => tf.Tensor4D[],
): StyleRegion[] {
  const blendOf = (weights: number[]) => {
    const sum = weights.reduce((a, b) => a + b, 0) || 1;
    return grams[0]!.map((_, li) => tf.tidy(() => tf.addN(grams.map((g, si) => tf.mul(g[li]!, weights[si]! / sum))) as tf.Tensor2D));
  };
  const region = (weight: number, mask: tf.Tensor4D | null, targets: tf.Tensor2D[]): StyleRegion => ({
    weight,
    layerMasks: mask ? layerMasksOf(mask) : null,
    targets,
    targetNorms: targets.map((a) => tf.tidy(() => tf.sum(tf.square(a)).dataSync()[0]!)),
  });
  try {
    if (!inputs.styleMasks) {
      const free = keepMask ? tf.tidy(() => tf.sub(1, keepMask) as tf.Tensor4D) : null;
      const r = region(1, free, blendOf(settings.styleBlend ?? inputs.styles.map(() => 1)));
      free?.dispose();
      return [r];
    }
    const { masks, shares } = perStyleMasks(inputs.styleMasks, keepMask, scale);
    const regions = masks.map((m, si) => region(shares[si]!, m, blendOf(inputs.styles.map((_, k) => (k === si ? 1 : 0)))));
    tf.dispose(masks);
    return regions;
  } finally {
    tf.dispose(grams.flat());
  }
}

/**
 * Each style's mask at the scale's size, normalised so that where masks overlap they share, and zero where
 * the keep mask keeps the photo; and each region's share of the style cost (its area over all regions').
 */
export function perStyleMasks(styleMasks: readonly tf.Tensor4D[], keepMask: tf.Tensor4D | null, scale: Scale): { masks: tf.Tensor4D[]; shares: number[] } {
  const masks = tf.tidy(() => {
    const scaled = styleMasks.map((m) => resizeImage(m, scale.height, scale.width));
    const total = tf.maximum(tf.addN(scaled), 1);
    const free = keepMask ? tf.sub(1, keepMask) : tf.scalar(1);
    return scaled.map((m) => tf.mul(tf.div(m, total), free) as tf.Tensor4D);
  });
  const areas = masks.map((m) => tf.tidy(() => tf.mean(m).dataSync()[0]!));
  const areaSum = areas.reduce((a, b) => a + b, 0) || 1;
  return { masks, shares: areas.map((a) => a / areaSum) };
}

/**
 * The style cost of the whole picture from its Gram sums and, per region and layer, the slope D of the cost
 * in the un-normalised sum S: cost = Σ weight · lw · ‖S/W − A‖² / ‖A‖², so D = weight · lw · 2 (S/W − A) / (‖A‖² W).
 * The sums are disposed.
 */
export function styleSlopes(regions: readonly StyleRegion[], layers: LayerChoice, { sums, weights }: GramSums): StyleSlopes {
  const layerWeightSum = layers.styleWeights.reduce((a, b) => a + b, 0);
  let style = 0;
  const layerStyle = layers.style.map(() => 0);
  const slopes = regions.map((r, ri) =>
    layers.style.map((_, li) =>
      tf.tidy(() => {
        const wgt = Math.max(weights[ri]![li]!, 1e-6);
        const factor = (r.weight * layers.styleWeights[li]!) / layerWeightSum / r.targetNorms[li]!;
        const diff = tf.sub(tf.div(sums[ri]![li]!, wgt), r.targets[li]!);
        const term = factor * tf.sum(tf.square(diff)).dataSync()[0]!;
        style += term;
        layerStyle[li]! += term;
        return tf.mul(diff, (2 * factor) / wgt) as tf.Tensor2D;
      }),
    ),
  );
  tf.dispose(sums.flat());
  return { style, layerStyle, slopes };
}

export function regionTensors(regions: readonly StyleRegion[]): tf.Tensor[] {
  return regions.flatMap((r) => [...(r.layerMasks ?? []), ...r.targets]);
}

/** One region's and style layer's Gram sums from every piece, added (C × C). */
export function addedGramSums(parts: readonly TileGramSums[], ri: number, li: number): tf.Tensor2D {
  const total = new Float32Array(parts[0]![ri]![li]!.length);
  for (const p of parts) p[ri]![li]!.forEach((v, k) => (total[k]! += v));
  const c = Math.sqrt(total.length);
  return tf.tensor2d(total, [c, c]);
}

/** The gradient the pieces added into `buffer` plus total variation's, and the cost's parts. */
export function withSmoothness(x: tf.Tensor4D, buffer: Float32Array, settings: StyleSettings, c: { content: number; style: number; layerStyle: number[] }): CostAndGradient {
  const w = costWeights(settings);
  const pixels = x.shape[1] * x.shape[2];
  const smooth = totalVariationWithGradient(x, w.tv * pixels);
  const tv = smooth.value.dataSync()[0]!;
  smooth.value.dispose();
  const grad = tf.tidy(() => tf.add(tf.tensor4d(buffer, x.shape), smooth.grad) as tf.Tensor4D);
  smooth.grad.dispose();
  const total = w.content * c.content + w.style * c.style + w.tv * tv;
  return { grad, parts: tf.tensor1d([total, c.content, c.style, tv, ...c.layerStyle]) };
}
