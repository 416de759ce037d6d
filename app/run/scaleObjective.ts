import * as tf from '@tensorflow/tfjs-core';
import { contentCost } from '../costs/contentCost.js';
import { gramMatrix } from '../costs/gram.js';
import { styleLayerTerms, type StyleTarget } from '../costs/styleCost.js';
import { totalVariationWithGradient } from '../costs/totalVariation.js';
import { fitLongestSide, resizeImage } from '../image/resize.js';
import type { VggNetwork } from '../network/vgg.js';
import type { ReluName } from '../weights/vggLayers.js';
import type { LayerChoice } from './layerPresets.js';
import type { Scale } from './scales.js';
import { perStyleMasks } from './styleRegions.js';
import { costWeights, type StyleSettings } from './settings.js';

/** Full-resolution inputs of a run, as tensors owned by the run. */
export interface ObjectiveInputs {
  content: tf.Tensor4D;
  styles: tf.Tensor4D[];
  /** [1, H, W, 1] in [0, 1]: 1 keeps the photo's pixels untouched. */
  keepMask?: tf.Tensor4D;
  /** One [1, H, W, 1] mask per style: where that style applies (per-region styles). */
  styleMasks?: tf.Tensor4D[];
}

/** A style region: its share of the style cost, its mask at each style layer, and its targets. */
interface Region {
  weight: number;
  layerMasks: tf.Tensor4D[] | null;
  targets: StyleTarget[];
}

function regionTensors(r: Region): tf.Tensor[] {
  return [...(r.layerMasks ?? []), ...r.targets.map((t) => t.gram)];
}

/** Each style image's normalised Gram matrices at a scale, per style layer (one pass over each). */
export function styleGrams(network: VggNetwork, layers: LayerChoice, settings: StyleSettings, scale: Scale, styles: tf.Tensor4D[]): tf.Tensor2D[][] {
  const side = Math.max(16, Math.round(Math.max(scale.width, scale.height) * settings.styleScale));
  return styles.map((style) =>
    tf.tidy(() => {
      const size = fitLongestSide(style.shape[2], style.shape[1], side);
      const feats = network.features(resizeImage(style, size.height, size.width), layers.style, settings.pooling, settings.edgePadding);
      return layers.style.map((l) => gramMatrix(feats.get(l)!));
    }),
  );
}

export interface CostAndGradient {
  grad: tf.Tensor4D;
  /** [total, content, style, smoothness, then each style layer's share of style (they sum to style)]. */
  parts: tf.Tensor1D;
}

/** What a scale optimises: the cost and its gradient for an image, and the projection of kept pixels. */
export interface Objective {
  costAndGradient(x: tf.Tensor4D): CostAndGradient | Promise<CostAndGradient>;
  project(x: tf.Tensor4D): tf.Tensor4D;
  dispose(): void;
}

/** Feature-map size of a layer for an image of h × w (each pooling floors the size). */
function layerSize(network: VggNetwork, layer: ReluName, h: number, w: number): [number, number] {
  const stride = network.strideOf(layer);
  return [Math.max(1, Math.floor(h / stride)), Math.max(1, Math.floor(w / stride))];
}

/**
 * What one scale optimises: the content target, the style targets (per region when masks are given) and
 * the keep mask, all computed once when the scale starts, and the cost and its gradient for an image.
 */
export class ScaleObjective implements Objective {
  private readonly contentTarget: tf.Tensor4D;
  private readonly regions: Region[];
  /** The photo at this scale and the keep mask, for projecting kept pixels back. */
  private readonly keep: { photo: tf.Tensor4D; mask: tf.Tensor4D } | null;

  constructor(
    private readonly network: VggNetwork,
    private readonly layers: LayerChoice,
    private readonly settings: StyleSettings,
    private readonly scale: Scale,
    inputs: ObjectiveInputs,
  ) {
    const { height: h, width: w } = scale;
    const photo = resizeImage(inputs.content, h, w);
    this.contentTarget = tf.tidy(() => this.network.features(photo, layers.content, settings.pooling, settings.edgePadding).get(layers.content[0]!)!);
    const keepMask = inputs.keepMask ? resizeImage(inputs.keepMask, h, w) : null;
    this.regions = this.buildRegions(inputs, keepMask);
    this.keep = keepMask ? { photo, mask: keepMask } : null;
    if (!keepMask) photo.dispose();
  }

  private targetsFrom(grams: tf.Tensor2D[][], weights: number[]): StyleTarget[] {
    const sum = weights.reduce((a, b) => a + b, 0) || 1;
    return this.layers.style.map((_, li) => ({
      gram: tf.tidy(() => tf.addN(grams.map((g, si) => tf.mul(g[li]!, weights[si]! / sum))) as tf.Tensor2D),
      weight: this.layers.styleWeights[li]!,
    }));
  }

  private maskAtLayers(mask: tf.Tensor4D): tf.Tensor4D[] {
    return this.layers.style.map((l) => {
      const [lh, lw] = layerSize(this.network, l, this.scale.height, this.scale.width);
      return resizeImage(mask, lh, lw);
    });
  }

  /**
   * Without style masks: one region, the blend of all styles, over the whole picture (or over what the
   * keep mask leaves). With style masks: one region per style, each normalised so overlaps share.
   */
  private buildRegions(inputs: ObjectiveInputs, keepMask: tf.Tensor4D | null): Region[] {
    const grams = styleGrams(this.network, this.layers, this.settings, this.scale, inputs.styles);
    try {
      if (!inputs.styleMasks) {
        const blend = this.settings.styleBlend ?? inputs.styles.map(() => 1);
        const free = keepMask ? tf.tidy(() => tf.sub(1, keepMask) as tf.Tensor4D) : null;
        const layerMasks = free ? this.maskAtLayers(free) : null;
        free?.dispose();
        return [{ weight: 1, layerMasks, targets: this.targetsFrom(grams, blend) }];
      }
      const { masks, shares } = perStyleMasks(inputs.styleMasks, keepMask, this.scale);
      const regions = masks.map((m, si) => ({
        weight: shares[si]!,
        layerMasks: this.maskAtLayers(m),
        targets: this.targetsFrom([grams[si]!], [1]),
      }));
      tf.dispose(masks);
      tf.dispose(regions.filter((r) => r.weight === 0).flatMap(regionTensors));
      return regions.filter((r) => r.weight > 0);
    } finally {
      tf.dispose(grams.flat());
    }
  }

  /** The cost, its parts, and its gradient with respect to the image. */
  costAndGradient(x: tf.Tensor4D): CostAndGradient {
    const w = costWeights(this.settings);
    // The costs are means; the gradient is taken of cost × pixels so its size does not shrink with the
    // image (Adam is scale invariant except for epsilon, which would otherwise dominate at large sizes).
    const pixels = x.shape[1] * x.shape[2];
    // The network's own backward pass (VggNetwork.gradient) holds far less memory than TensorFlow.js's tape.
    let costs!: tf.Tensor1D;
    const layers = [...this.layers.content, ...this.layers.style];
    const network = this.network.gradient(x, layers, this.settings.pooling, (feats) => {
      const c = contentCost(feats.get(this.layers.content[0]!)!, this.contentTarget);
      const styleFeats = this.layers.style.map((l) => feats.get(l)!);
      const regionTerms = this.regions.map((r) => styleLayerTerms(styleFeats, r.targets, r.layerMasks ?? undefined).map((t) => tf.mul(t, r.weight)));
      const layerTerms = styleFeats.map((_, li) => tf.addN(regionTerms.map((terms) => terms[li]!)));
      const s = tf.addN(layerTerms);
      costs = tf.keep(tf.stack([c, s, ...layerTerms]) as tf.Tensor1D);
      return tf.mul(tf.add(tf.mul(c, w.content), tf.mul(s, w.style)), pixels);
    }, this.settings.edgePadding);
    network.value.dispose();
    const smooth = totalVariationWithGradient(x, w.tv * pixels);
    const grad = tf.add(network.grad, smooth.grad) as tf.Tensor4D;
    tf.dispose([network.grad, smooth.grad]);
    const parts = tf.tidy(() => {
      const tv = smooth.value;
      const [c, s, ...layerTerms] = tf.unstack(costs);
      const total = tf.addN([tf.mul(c!, w.content), tf.mul(s!, w.style), tf.mul(tv, w.tv)]);
      return tf.stack([total, c!, s!, tv, ...layerTerms]) as tf.Tensor1D;
    });
    tf.dispose([smooth.value, costs]);
    return { grad, parts };
  }

  /** Puts the photo's pixels back where the keep mask says so (feathered edges blend). */
  project(x: tf.Tensor4D): tf.Tensor4D {
    if (!this.keep) return x;
    const { photo, mask } = this.keep;
    return tf.tidy(() => tf.add(tf.mul(photo, mask), tf.mul(x, tf.sub(1, mask))) as tf.Tensor4D);
  }

  dispose(): void {
    tf.dispose([this.contentTarget, ...this.regions.flatMap(regionTensors)]);
    if (this.keep) tf.dispose([this.keep.photo, this.keep.mask]);
  }
}
