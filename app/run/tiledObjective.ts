import * as tf from '@tensorflow/tfjs-core';
import { gramSum } from '../costs/gram.js';
import { totalVariation } from '../costs/totalVariation.js';
import { fitLongestSide, resizeImage } from '../image/resize.js';
import type { VggNetwork } from '../network/vgg.js';
import type { ReluName } from '../weights/vggLayers.js';
import type { LayerChoice } from './layerPresets.js';
import { seededRandom } from './random.js';
import type { CostAndGradient, Objective, ObjectiveInputs } from './scaleObjective.js';
import type { Scale } from './scales.js';
import { COST_UNITS, type StyleSettings } from './settings.js';
import { randomOffset, tileGrid, type Tile, type TileGridOptions } from './tileGrid.js';

export interface TilingOptions {
  /** Core size of a tile, px. */
  tile: number;
  /** Context around each core, px: at least the network's receptive radius for exact gradients. */
  halo: number;
}

/** A style region, with masks at each style layer's resolution for the whole picture. */
interface TiledRegion {
  weight: number;
  layerMasks: tf.Tensor4D[] | null;
  targets: tf.Tensor2D[];
  targetNorms: number[];
}

/** Per region and style layer: Σ (F⊙m)ᵀ(F⊙m) over the picture, and Σ m² (the position count without a mask). */
interface GramSums {
  sums: tf.Tensor2D[][];
  weights: number[][];
}

const crop = (t: tf.Tensor4D, y0: number, y1: number, x0: number, x1: number) => tf.slice(t, [0, y0, x0, 0], [1, y1 - y0, x1 - x0, -1]);

/**
 * The same cost as ScaleObjective, computed tile by tile so that pictures larger than the device can
 * hold in one pass (prints up to 4096 px) still optimise. Exact, not an approximation by independent
 * tiles: a first pass sums every tile's Gram contributions into the picture's Gram matrices; a second pass
 * back-propagates, per tile, the linearisation of the style cost at those matrices (whose gradient is the
 * true one) plus the content cost of the tile's core. Each tile sees a halo of context, and the grid moves
 * by a random offset every iteration, so no seam stays in one place.
 */
export class TiledObjective implements Objective {
  private readonly grid: TileGridOptions;
  private readonly photo: tf.Tensor4D;
  private readonly keepMask: tf.Tensor4D | null;
  private readonly regions: TiledRegion[];
  private readonly contentEnergy: number;
  private readonly random: () => number;

  constructor(
    private readonly network: VggNetwork,
    private readonly layers: LayerChoice,
    private readonly settings: StyleSettings,
    private readonly scale: Scale,
    inputs: ObjectiveInputs,
    tiling: TilingOptions,
  ) {
    const align = Math.max(...[...layers.style, ...layers.content].map((l) => network.strideOf(l)));
    const round = (v: number) => Math.max(align, Math.round(v / align) * align);
    this.grid = { tile: round(tiling.tile), halo: round(tiling.halo), align };
    this.random = seededRandom(settings.seed ^ 0x5eed);
    const { height: h, width: w } = scale;
    this.photo = resizeImage(inputs.content, h, w);
    this.keepMask = inputs.keepMask ? resizeImage(inputs.keepMask, h, w) : null;
    this.contentEnergy = this.energyOfContent();
    this.regions = this.buildRegions(inputs);
  }

  private layerSize(layer: ReluName, h: number, w: number): [number, number] {
    const s = this.network.strideOf(layer);
    return [Math.max(1, Math.floor(h / s)), Math.max(1, Math.floor(w / s))];
  }

  /** A tile's core in a layer's coordinates, relative to its window. */
  private coreAt(layer: ReluName, t: Tile): [number, number, number, number] {
    const s = this.network.strideOf(layer);
    const { core, window } = t;
    return [(core.y0 - window.y0) / s, Math.floor((core.y1 - window.y0) / s), (core.x0 - window.x0) / s, Math.floor((core.x1 - window.x0) / s)];
  }

  /** The same core in the whole picture's layer coordinates (for cropping full-size layer masks). */
  private coreInPicture(layer: ReluName, t: Tile): [number, number, number, number] {
    const s = this.network.strideOf(layer);
    const [y0, y1, x0, x1] = this.coreAt(layer, t);
    const oy = t.window.y0 / s;
    const ox = t.window.x0 / s;
    return [y0 + oy, y1 + oy, x0 + ox, x1 + ox];
  }

  private tiles(h: number, w: number, offset = { y: 0, x: 0 }): Tile[] {
    return tileGrid(h, w, this.grid, offset).flat();
  }

  private energyOfContent(): number {
    const layer = this.layers.content[0]!;
    let energy = 0;
    for (const t of this.tiles(this.scale.height, this.scale.width)) {
      energy += tf.tidy(() => {
        const f = this.network.features(crop(this.photo, t.window.y0, t.window.y1, t.window.x0, t.window.x1), [layer], this.settings.pooling, this.settings.edgePadding).get(layer)!;
        const [y0, y1, x0, x1] = this.coreAt(layer, t);
        return tf.sum(tf.square(crop(f, y0, y1, x0, x1))).dataSync()[0]!;
      });
    }
    return Math.max(energy, 1e-12);
  }

  /** Σ (F⊙m)ᵀ(F⊙m) per region and layer over the tiles of `image` (no gradient). */
  private gramSums(image: tf.Tensor4D, masks: Array<tf.Tensor4D[] | null>, tiles: Tile[]): GramSums {
    const layers = this.layers.style;
    const sums: Array<Array<tf.Tensor2D | null>> = masks.map(() => layers.map(() => null));
    const weights = masks.map(() => layers.map(() => 0));
    for (const t of tiles) {
      tf.tidy(() => {
        const feats = this.network.features(crop(image, t.window.y0, t.window.y1, t.window.x0, t.window.x1), layers, this.settings.pooling, this.settings.edgePadding);
        layers.forEach((l, li) => {
          const [y0, y1, x0, x1] = this.coreAt(l, t);
          const f = crop(feats.get(l)!, y0, y1, x0, x1);
          const c = f.shape[3];
          masks.forEach((m, ri) => {
            const [py0, py1, px0, px1] = this.coreInPicture(l, t);
            const mask = m ? crop(m[li]!, py0, py1, px0, px1) : null;
            const fm = tf.reshape(mask ? tf.mul(f, mask) : f, [-1, c]) as tf.Tensor2D;
            const part = gramSum(fm);
            const prev = sums[ri]![li];
            sums[ri]![li] = tf.keep(prev ? tf.add(prev, part) : part) as tf.Tensor2D;
            prev?.dispose();
            weights[ri]![li]! += mask ? tf.sum(tf.square(mask)).dataSync()[0]! : fm.shape[0];
          });
        });
      });
    }
    return { sums: sums.map((row) => row.map((t) => t!)), weights };
  }

  private styleTargets(styles: tf.Tensor4D[]): tf.Tensor2D[][] {
    const side = Math.max(16, Math.round(Math.max(this.scale.width, this.scale.height) * this.settings.styleScale));
    return styles.map((style) => {
      const size = fitLongestSide(style.shape[2], style.shape[1], side);
      const resized = resizeImage(style, size.height, size.width);
      const { sums, weights } = this.gramSums(resized, [null], this.tiles(size.height, size.width));
      resized.dispose();
      return sums[0]!.map((s, li) => {
        const g = tf.div(s, weights[0]![li]!) as tf.Tensor2D;
        s.dispose();
        return g;
      });
    });
  }

  private fullLayerMasks(mask: tf.Tensor4D): tf.Tensor4D[] {
    return this.layers.style.map((l) => resizeImage(mask, ...this.layerSize(l, this.scale.height, this.scale.width)));
  }

  private buildRegions(inputs: ObjectiveInputs): TiledRegion[] {
    const grams = this.styleTargets(inputs.styles);
    const blendOf = (weights: number[]) => {
      const sum = weights.reduce((a, b) => a + b, 0) || 1;
      return this.layers.style.map((_, li) => tf.tidy(() => tf.addN(grams.map((g, si) => tf.mul(g[li]!, weights[si]! / sum))) as tf.Tensor2D));
    };
    const region = (weight: number, mask: tf.Tensor4D | null, targets: tf.Tensor2D[]): TiledRegion => ({
      weight,
      layerMasks: mask ? this.fullLayerMasks(mask) : null,
      targets,
      targetNorms: targets.map((a) => tf.tidy(() => tf.sum(tf.square(a)).dataSync()[0]!)),
    });
    try {
      if (!inputs.styleMasks) {
        const free = this.keepMask ? tf.tidy(() => tf.sub(1, this.keepMask!) as tf.Tensor4D) : null;
        const r = region(1, free, blendOf(this.settings.styleBlend ?? inputs.styles.map(() => 1)));
        free?.dispose();
        return [r];
      }
      const { height: h, width: w } = this.scale;
      const masks = tf.tidy(() => {
        const scaled = inputs.styleMasks!.map((m) => resizeImage(m, h, w));
        const total = tf.maximum(tf.addN(scaled), 1);
        const free = this.keepMask ? tf.sub(1, this.keepMask) : tf.scalar(1);
        return scaled.map((m) => tf.mul(tf.div(m, total), free) as tf.Tensor4D);
      });
      const areas = masks.map((m) => tf.tidy(() => tf.mean(m).dataSync()[0]!));
      const areaSum = areas.reduce((a, b) => a + b, 0) || 1;
      const regions = masks.map((m, si) => region(areas[si]! / areaSum, m, blendOf(inputs.styles.map((_, k) => (k === si ? 1 : 0)))));
      tf.dispose(masks);
      return regions;
    } finally {
      tf.dispose(grams.flat());
    }
  }

  costAndGradient(x: tf.Tensor4D): CostAndGradient {
    const { contentWeight, styleStrength, smoothness } = this.settings;
    const w = { content: contentWeight * COST_UNITS.content, style: styleStrength * COST_UNITS.style, tv: smoothness * COST_UNITS.smoothness };
    const pixels = x.shape[1] * x.shape[2];
    const tiles = this.tiles(this.scale.height, this.scale.width, randomOffset(this.grid, this.random));
    const { style, layerStyle, slopes } = this.styleSlopes(x, tiles);
    const buffer = new Float32Array(x.size);
    let content = 0;
    for (const t of tiles) content += this.tileGradient(x, t, slopes, w, pixels, buffer);
    tf.dispose(slopes.flat());
    const tv = tf.tidy(() => totalVariation(x).dataSync()[0]!);
    const grad = tf.tidy(() => tf.add(tf.tensor4d(buffer, x.shape), tf.grad((img: tf.Tensor) => tf.mul(totalVariation(img as tf.Tensor4D), w.tv * pixels))(x))) as tf.Tensor4D;
    const total = w.content * content + w.style * style + w.tv * tv;
    return { grad, parts: tf.tensor1d([total, content, style, tv, ...layerStyle]) };
  }

  /**
   * The style cost of the whole picture and, per region and layer, the slope D of the cost in the
   * un-normalised Gram sum S: cost = Σ weight · lw · ‖S/W − A‖² / ‖A‖², so D = weight · lw · 2 (S/W − A) / (‖A‖² W).
   */
  private styleSlopes(x: tf.Tensor4D, tiles: Tile[]): { style: number; layerStyle: number[]; slopes: tf.Tensor2D[][] } {
    const { sums, weights } = this.gramSums(
      x,
      this.regions.map((r) => r.layerMasks),
      tiles,
    );
    const layerWeightSum = this.layers.styleWeights.reduce((a, b) => a + b, 0);
    let style = 0;
    const layerStyle = this.layers.style.map(() => 0);
    const slopes = this.regions.map((r, ri) =>
      this.layers.style.map((_, li) =>
        tf.tidy(() => {
          const wgt = Math.max(weights[ri]![li]!, 1e-6);
          const factor = (r.weight * this.layers.styleWeights[li]!) / layerWeightSum / r.targetNorms[li]!;
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

  /** Adds one tile's gradient into `buffer` (the whole picture's) and returns the tile's content cost. */
  private tileGradient(x: tf.Tensor4D, t: Tile, slopes: tf.Tensor2D[][], w: { content: number; style: number }, pixels: number, buffer: Float32Array): number {
    const { window } = t;
    const contentLayer = this.layers.content[0]!;
    const styleLayers = this.layers.style;
    let content = 0;
    const [cy0, cy1, cx0, cx1] = this.coreAt(contentLayer, t);
    const target = tf.tidy(() => {
      const photoFeats = this.network.features(crop(this.photo, window.y0, window.y1, window.x0, window.x1), [contentLayer], this.settings.pooling, this.settings.edgePadding);
      return crop(photoFeats.get(contentLayer)!, cy0, cy1, cx0, cx1);
    });
    const image = crop(x, window.y0, window.y1, window.x0, window.x1);
    // The network's own backward pass (VggNetwork.gradient) holds far less memory than TensorFlow.js's tape.
    const { value, grad: g } = this.network.gradient(image, [contentLayer, ...styleLayers], this.settings.pooling, (feats) => {
      const c = tf.div(tf.sum(tf.squaredDifference(crop(feats.get(contentLayer)!, cy0, cy1, cx0, cx1), target)), this.contentEnergy);
      const linear = this.regions.flatMap((r, ri) =>
        styleLayers.map((l, li) => {
          const [y0, y1, x0, x1] = this.coreAt(l, t);
          const f = crop(feats.get(l)!, y0, y1, x0, x1);
          const [py0, py1, px0, px1] = this.coreInPicture(l, t);
          const fm = tf.reshape(r.layerMasks ? tf.mul(f, crop(r.layerMasks[li]!, py0, py1, px0, px1)) : f, [-1, f.shape[3]]) as tf.Tensor2D;
          // ⟨D, FmᵀFm⟩ = Σ (Fm D) ⊙ Fm, without forming the Gram matrix.
          return tf.sum(tf.mul(tf.matMul(fm, slopes[ri]![li]!), fm));
        }),
      );
      content = c.dataSync()[0]!;
      return tf.mul(tf.add(tf.mul(c, w.content), tf.mul(tf.addN(linear), w.style)), pixels);
    }, this.settings.edgePadding);
    tf.dispose([value, target, image]);
    addWindow(buffer, x.shape, window, g.dataSync());
    g.dispose();
    return content;
  }

  project(x: tf.Tensor4D): tf.Tensor4D {
    if (!this.keepMask) return x;
    const mask = this.keepMask;
    return tf.tidy(() => tf.add(tf.mul(this.photo, mask), tf.mul(x, tf.sub(1, mask))) as tf.Tensor4D);
  }

  dispose(): void {
    tf.dispose([this.photo, ...(this.keepMask ? [this.keepMask] : []), ...this.regions.flatMap((r) => [...(r.layerMasks ?? []), ...r.targets])]);
  }
}

/** Adds a window's gradient values into the whole picture's buffer (NHWC, batch 1). */
function addWindow(buffer: Float32Array, shape: number[], window: Tile['window'], values: ArrayLike<number>): void {
  const [, , width, channels] = shape as [number, number, number, number];
  const rowLength = (window.x1 - window.x0) * channels;
  for (let y = window.y0, k = 0; y < window.y1; y++) {
    const start = (y * width + window.x0) * channels;
    for (let i = 0; i < rowLength; i++, k++) buffer[start + i]! += values[k]!;
  }
}
