import * as tf from '@tensorflow/tfjs-core';
import { gramPairing, gramSum } from '../costs/gram.js';
import { fitLongestSide, resizeImage } from '../image/resize.js';
import type { VggNetwork } from '../network/vgg.js';
import type { ReluName } from '../weights/vggLayers.js';
import type { LayerChoice } from './layerPresets.js';
import { seededRandom } from './random.js';
import type { CostAndGradient, Objective, ObjectiveInputs } from './scaleObjective.js';
import { addedGramSums, regionTensors, styleRegions, styleSlopes, withSmoothness, type GramSums, type StyleRegion, type StyleSlopes } from './styleRegions.js';
import type { Scale } from './scales.js';
import { costWeights, type StyleSettings } from './settings.js';
import { addWindow, coreInLayer, coreInPictureLayer, crop, cutWindow, randomOffset, tileGrid, type Tile, type TileGridOptions } from './tileGrid.js';
import type { TileEngine } from './tileEngine.js';
import { blockOf, type CoreRect, type TileGradient, type TileJob, type TileSetup } from './tileTask.js';

export interface TilingOptions {
  /** Core size of a tile, px. */
  tile: number;
  /** Context around each core, px: at least the network's receptive radius for exact gradients. */
  halo: number;
}

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
  /** Set once the scale's targets are made: in the constructor alone, or by create() on the other engines. */
  private regions: StyleRegion[] = [];
  private contentEnergy = 1;
  private photoValues: Float32Array | null = null;
  private readonly random: () => number;

  constructor(
    private readonly network: VggNetwork,
    private readonly layers: LayerChoice,
    private readonly settings: StyleSettings,
    private readonly scale: Scale,
    inputs: ObjectiveInputs,
    tiling: TilingOptions,
    /** Other engines (worker threads) that paint the tiles, each taking the next tile when it is free. */
    private readonly engines: readonly TileEngine[] = [],
  ) {
    const align = Math.max(...[...layers.style, ...layers.content].map((l) => network.strideOf(l)));
    const round = (v: number) => Math.max(align, Math.round(v / align) * align);
    this.grid = { tile: round(tiling.tile), halo: round(tiling.halo), align };
    this.random = seededRandom(settings.seed ^ 0x5eed);
    const { height: h, width: w } = scale;
    this.photo = resizeImage(inputs.content, h, w);
    this.keepMask = inputs.keepMask ? resizeImage(inputs.keepMask, h, w) : null;
    if (engines.length > 0) return;
    this.contentEnergy = this.energyOfContent();
    this.regions = this.buildRegions(inputs, this.styleTargets(inputs.styles));
  }

  /** A tiled objective whose tiles the other engines paint, its targets made by them too (so this thread holds no pass). */
  static async create(
    network: VggNetwork,
    layers: LayerChoice,
    settings: StyleSettings,
    scale: Scale,
    inputs: ObjectiveInputs,
    tiling: TilingOptions,
    engines: readonly TileEngine[],
  ): Promise<TiledObjective> {
    const objective = new TiledObjective(network, layers, settings, scale, inputs, tiling, engines);
    if (engines.length === 0) return objective;
    try {
      objective.contentEnergy = await objective.energyOnEngines();
      objective.regions = objective.buildRegions(inputs, await objective.styleTargetsOnEngines(inputs.styles));
      return objective;
    } catch (e) {
      objective.dispose();
      throw e;
    }
  }

  /** energyOfContent(), tile by tile on the other engines. */
  private async energyOnEngines(): Promise<number> {
    const tiles = this.tiles(this.scale.height, this.scale.width);
    const photo = this.photo.dataSync() as Float32Array;
    const energies = await this.spread(tiles.length, (e, i) => e.tileEnergy(this.job(tiles[i]!, photo, this.photo.shape, [null])));
    return Math.max(energies.reduce((a, b) => a + b, 0), 1e-12);
  }

  /** styleTargets(), tile by tile on the other engines. */
  private async styleTargetsOnEngines(styles: tf.Tensor4D[]): Promise<tf.Tensor2D[][]> {
    const out: tf.Tensor2D[][] = [];
    for (const style of styles) {
      const resized = this.styleAtScale(style);
      const values = resized.dataSync() as Float32Array;
      const tiles = this.tiles(resized.shape[1], resized.shape[2]);
      const shape = resized.shape;
      resized.dispose();
      const parts = await this.spread(tiles.length, (e, i) => e.sumTile(this.job(tiles[i]!, values, shape, [null])));
      out.push(this.layers.style.map((_, li) => tf.tidy(() => tf.div(addedGramSums(parts.map((p) => p.sums), 0, li), parts.reduce((n, p) => n + p.weights[0]![li]!, 0)) as tf.Tensor2D)));
    }
    return out;
  }

  /** The style image at this scale's size (times the style scale). */
  private styleAtScale(style: tf.Tensor4D): tf.Tensor4D {
    const side = Math.max(16, Math.round(Math.max(this.scale.width, this.scale.height) * this.settings.styleScale));
    const size = fitLongestSide(style.shape[2], style.shape[1], side);
    return resizeImage(style, size.height, size.width);
  }

  private layerSize(layer: ReluName, h: number, w: number): [number, number] {
    const s = this.network.strideOf(layer);
    return [Math.max(1, Math.floor(h / s)), Math.max(1, Math.floor(w / s))];
  }

  /** A tile's core in a layer's coordinates, relative to its window. */
  private coreAt(layer: ReluName, t: Tile): [number, number, number, number] {
    return coreInLayer(t, this.network.strideOf(layer));
  }

  /** The same core in the whole picture's layer coordinates (for cropping full-size layer masks). */
  private coreInPicture(layer: ReluName, t: Tile): [number, number, number, number] {
    return coreInPictureLayer(t, this.network.strideOf(layer));
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
    return styles.map((style) => {
      const resized = this.styleAtScale(style);
      const { sums, weights } = this.gramSums(resized, [null], this.tiles(resized.shape[1], resized.shape[2]));
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

  private buildRegions(inputs: ObjectiveInputs, grams: tf.Tensor2D[][]): StyleRegion[] {
    return styleRegions(grams, inputs, this.keepMask, this.scale, this.settings, (m) => this.fullLayerMasks(m));
  }

  costAndGradient(x: tf.Tensor4D): CostAndGradient | Promise<CostAndGradient> {
    const tiles = this.tiles(this.scale.height, this.scale.width, randomOffset(this.grid, this.random));
    if (this.engines.length > 0) return this.sharedCostAndGradient(x, tiles);
    const w = costWeights(this.settings);
    const { style, layerStyle, slopes } = this.styleSlopes(x, tiles);
    const buffer = new Float32Array(x.size);
    let content = 0;
    for (const t of tiles) content += this.tileGradient(x, t, slopes, w, x.shape[1] * x.shape[2], buffer);
    tf.dispose(slopes.flat());
    return withSmoothness(x, buffer, this.settings, { content, style, layerStyle });
  }

  /** The same step with the tiles painted by the other engines: every tile's Gram sums, then every tile's gradient. */
  private async sharedCostAndGradient(x: tf.Tensor4D, tiles: Tile[]): Promise<CostAndGradient> {
    const w = costWeights(this.settings);
    const pixels = x.shape[1] * x.shape[2];
    const values = x.dataSync() as Float32Array;
    // The photo does not change over a scale; a print's is hundreds of MB, so it is read back once.
    this.photoValues ??= this.photo.dataSync() as Float32Array;
    const masks = this.regions.map((r) => r.layerMasks);
    // Each tile's job is cut when an engine takes it, so only one per engine is held at a time.
    const jobOf = (i: number) => this.job(tiles[i]!, values, x.shape, masks, this.photoValues!);
    const parts = await this.spread(tiles.length, (e, i) => e.sumTile(jobOf(i)));
    const sums = this.regions.map((_, ri) => this.layers.style.map((_, li) => addedGramSums(parts.map((p) => p.sums), ri, li)));
    const weights = this.regions.map((_, ri) => this.layers.style.map((_, li) => parts.reduce((n, p) => n + p.weights[ri]![li]!, 0)));
    const { style, layerStyle, slopes } = styleSlopes(this.regions, this.layers, { sums, weights });
    const slopeValues = slopes.map((row) => row.map((d) => d.dataSync() as Float32Array));
    tf.dispose(slopes.flat());
    const scales = { slopes: slopeValues, contentScale: (w.content * pixels) / this.contentEnergy, styleScale: w.style * pixels };
    const buffer = new Float32Array(x.size);
    let content = 0;
    // Added in tile order as they come (overlapping halos sum the same way every run), holding no more than the engines' lead.
    const waiting = new Map<number, TileGradient>();
    let added = 0;
    await this.spread(tiles.length, async (e, i) => {
      waiting.set(i, await e.tileGradient({ ...jobOf(i), slopes: scales }));
      for (let g = waiting.get(added); g; g = waiting.get(added)) {
        addWindow(buffer, x.shape, tiles[added]!.window, g.grad);
        content += g.content;
        waiting.delete(added++);
      }
    });
    return withSmoothness(x, buffer, this.settings, { content: content / this.contentEnergy, style, layerStyle });
  }

  /** `count` calls over the engines, each engine taking the next when it is free; the results in order. */
  private async spread<T>(count: number, call: (engine: TileEngine, index: number) => Promise<T>): Promise<T[]> {
    const out = new Array<T>(count);
    let next = 0;
    await Promise.all(
      this.engines.map(async (engine) => {
        for (let i = next++; i < count; i = next++) out[i] = await call(engine, i);
      }),
    );
    return out;
  }

  /**
   * A tile for another engine: the window of `values` (an image of `shape`), the core at each layer, the
   * regions' masks over it, and the photo over the window when the tile's content cost is wanted.
   */
  private job(t: Tile, values: Float32Array, shape: readonly number[], masks: Array<tf.Tensor4D[] | null>, photo?: Float32Array): TileJob {
    const { layers, settings } = this;
    const { window: win } = t;
    const blockAt = (v: Float32Array) => ({ data: cutWindow(v, shape, win), shape: [win.y1 - win.y0, win.x1 - win.x0, 3] as [number, number, number] });
    const cores = [...layers.content, ...layers.style].map((l): [ReluName, CoreRect] => [l, this.coreAt(l, t)]);
    const cropped = masks.map((m) => (m ? layers.style.map((l, li) => blockOf(() => crop(m[li]!, ...this.coreInPicture(l, t)))) : null));
    const tile: TileSetup = { layers, pooling: settings.pooling, edgePadding: settings.edgePadding, cores, masks: cropped, ...(photo ? { photo: blockAt(photo) } : {}) };
    return { tile, window: blockAt(values) };
  }

  private styleSlopes(x: tf.Tensor4D, tiles: Tile[]): StyleSlopes {
    const sums = this.gramSums(
      x,
      this.regions.map((r) => r.layerMasks),
      tiles,
    );
    return styleSlopes(this.regions, this.layers, sums);
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
          return gramPairing(fm, slopes[ri]![li]!);
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
    tf.dispose([this.photo, ...(this.keepMask ? [this.keepMask] : []), ...regionTensors(this.regions)]);
  }
}
