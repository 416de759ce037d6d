import type { StyleSettings } from '../../app/run/settings.js';
import type { TuningOptions } from './tuningOptions.js';

/** Seconds between the engine's preview frames; the CLI shows none, so rarely (the last one is kept if a run fails). */
const CLI_PREVIEW_SECONDS = 10;

/**
 * The run's settings: the flags over `base` (the engine's defaults, or a --settings file's values for
 * what no flag sets, such as the tiling limits).
 */
export function settingsFromOptions(o: TuningOptions, base: StyleSettings): StyleSettings {
  const settings: StyleSettings = {
    ...base,
    size: o.size,
    iterations: o.iterations,
    styleStrength: o.styleStrength,
    contentWeight: o.contentWeight,
    smoothness: o.smoothness,
    init: o.init,
    seed: o.seed,
    pooling: o.pooling,
    optimizer: o.optimizer,
    learningRate: o.learningRate,
    startSize: o.startSize,
    previewSeconds: CLI_PREVIEW_SECONDS,
    styleScale: o.styleScale,
    colour: o.colour,
    minImprovement: o.minImprovement,
    edgePadding: o.edgePadding,
  };
  // Absent rather than undefined, so that settings compare equal to what was read back from a file.
  delete settings.styleBlend;
  if (o.styleWeight) settings.styleBlend = o.styleWeight;
  delete settings.styleLayerWeights;
  if (o.styleLayerWeights) settings.styleLayerWeights = o.styleLayerWeights;
  return settings;
}
