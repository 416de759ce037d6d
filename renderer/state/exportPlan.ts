import type { StyleSettings } from '../../app/index.js';
import { MAX_OUTPUT_SIZE } from '../../app/run/settings.js';
import { engineSettings, type StudioSettings, type UpscaleFactor } from './studioSettings.js';

/** The real ratio behind each export choice: "×1.4" is exactly one √2 scale step beyond the working size. */
export function upscaleRatio(factor: UpscaleFactor): number {
  return factor === 1.41 ? Math.SQRT2 : factor;
}

/** The longest side an export will have (never beyond the engine's largest output). */
export function exportLongestSide(workingSize: number, factor: UpscaleFactor): number {
  return Math.min(MAX_OUTPUT_SIZE, Math.round(workingSize * upscaleRatio(factor)));
}

/** Whether an upscale choice makes a larger picture than the working size (not at the largest output). */
export function upscaleOffered(workingSize: number, factor: UpscaleFactor): boolean {
  return factor === 1 || exportLongestSide(workingSize, factor) > workingSize;
}

/** Iterations per extra fine scale: a short polish, a sixth of the run's, at least 20. */
export function polishIterations(runIterations: number): number {
  return Math.max(20, Math.round(runIterations / 6));
}

/**
 * The engine settings for an upscaled export: one or two more fine scales (×√2 each) starting from the
 * finished result (init 'image'), so detail is optimised at the larger size instead of interpolated.
 */
export function upscaleSettings(s: StudioSettings, factor: Exclude<UpscaleFactor, 1>): StyleSettings {
  const size = exportLongestSide(s.size, factor);
  const scales = factor === 2 ? 2 : 1;
  return {
    ...engineSettings(s),
    size,
    startSize: Math.min(size, Math.round(s.size * Math.SQRT2)),
    init: 'image',
    iterations: scales * polishIterations(s.iterations),
  };
}
