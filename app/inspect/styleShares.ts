import * as tf from '@tensorflow/tfjs-core';
import { gramMatrix } from '../costs/gram.js';
import { styleLayerTerms } from '../costs/styleCost.js';
import type { VggNetwork } from '../network/vgg.js';
import type { Pooling } from '../network/pool.js';
import type { LayerChoice } from '../run/layerPresets.js';
import type { ReluName } from '../weights/vggLayers.js';

/** A style layer's weighted term of the style cost and its share of the whole. */
export interface StyleShare {
  layer: ReluName;
  cost: number;
  share: number;
}

/**
 * The style cost of a picture against style targets, split by layer as the run weighs it
 * (styleLayerTerms: ‖G − A‖² / ‖A‖² times the layer's normalised weight), with each layer's share.
 * `targets` holds one Gram matrix per style layer of `layers`, in order.
 */
export function styleShares(network: VggNetwork, picture: tf.Tensor4D, targets: readonly tf.Tensor2D[], layers: LayerChoice, pooling: Pooling): StyleShare[] {
  const costs = tf.tidy(() => {
    const feats = network.features(picture, layers.style, pooling);
    const terms = styleLayerTerms(
      layers.style.map((l) => feats.get(l)!),
      targets.map((gram, i) => ({ gram, weight: layers.styleWeights[i]! })),
    );
    return tf.stack(terms);
  });
  const values = Array.from(costs.dataSync());
  costs.dispose();
  const total = values.reduce((a, b) => a + b, 0);
  return layers.style.map((layer, i) => ({ layer, cost: values[i]!, share: total > 0 ? values[i]! / total : 0 }));
}

/** The style target of each style layer: the blend of the styles' Gram matrices (weights normalised). */
export function blendedGrams(network: VggNetwork, styles: readonly tf.Tensor4D[], blend: readonly number[], layers: readonly ReluName[], pooling: Pooling): tf.Tensor2D[] {
  const sum = blend.reduce((a, b) => a + b, 0) || 1;
  return tf.tidy(() => {
    const grams = styles.map((s) => {
      const feats = network.features(s, layers, pooling);
      return layers.map((l) => gramMatrix(feats.get(l)!));
    });
    return layers.map((_, li) => tf.addN(grams.map((g, si) => tf.mul(g[li]!, blend[si]! / sum))) as tf.Tensor2D);
  });
}
