import type { StyleSettings } from '../../app/run/settings.js';
import type { TuningOptions } from './tuningOptions.js';

/** How often the engine sends a preview frame; the CLI shows none, so rarely. */
const CLI_PREVIEW_EVERY = 10;

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
    previewEvery: CLI_PREVIEW_EVERY,
    styleScale: o.styleScale,
    colour: o.colour,
  };
  // Absent rather than undefined, so that settings compare equal to what was read back from a file.
  delete settings.styleBlend;
  if (o.styleWeight) settings.styleBlend = o.styleWeight;
  delete settings.styleLayerWeights;
  if (o.styleLayerWeights) settings.styleLayerWeights = o.styleLayerWeights;
  return settings;
}
