import type { ReluName } from '../weights/vggLayers.js';

export interface LayerChoice {
  content: ReluName[];
  style: ReluName[];
  /** One weight per style layer. */
  styleWeights: number[];
}

/**
 * The layers to use, from what the model provides. Full VGG19: content relu4_2, style relu1_1 … relu5_1
 * with equal weights (Gatys et al. 2016, jcjohnson/neural-style). A shorter prefix uses the same pattern
 * as deep as it goes: style at each block's first ReLU, content at the deepest block's second ReLU
 * (relu4_2 when present). A model that stops at conv3_4 uses content relu3_2, style relu1_1, relu2_1, relu3_1.
 */
export function chooseLayers(available: readonly ReluName[]): LayerChoice {
  const has = new Set(available);
  const style = [1, 2, 3, 4, 5].map((b) => `relu${b}_1` as ReluName).filter((l) => has.has(l));
  const secondOfBlock = [4, 3, 2, 1].map((b) => `relu${b}_2` as ReluName).find((l) => has.has(l));
  const content = secondOfBlock ?? available[available.length - 1];
  if (!content || style.length === 0) throw new Error('the model has no usable layers (it needs at least conv1_1)');
  return { content: [content], style, styleWeights: style.map(() => 1) };
}

/**
 * The layer choice with the user's per-layer style weights (settings.styleLayerWeights), one per style
 * layer in order; `undefined` keeps the choice's own (equal) weights.
 */
export function withStyleLayerWeights(choice: LayerChoice, weights: readonly number[] | undefined): LayerChoice {
  if (!weights) return choice;
  if (weights.length !== choice.style.length) {
    const n = choice.style.length;
    throw new Error(
      `${weights.length} style layer weight${weights.length === 1 ? '' : 's'} given for the model's ${n} style layer${n === 1 ? '' : 's'} (${choice.style.join(', ')}); give one per layer, in that order`,
    );
  }
  return { ...choice, styleWeights: [...weights] };
}
