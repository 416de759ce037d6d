import * as tf from '@tensorflow/tfjs-core';
import { resizeImage } from '../image/resize.js';
import { receptiveFields } from '../inspect/receptiveField.js';
import type { VggNetwork } from '../network/vgg.js';
import type { ReluName } from '../weights/vggLayers.js';
import type { LayerChoice } from './layerPresets.js';
import { styleGrams, type CostAndGradient, type Objective, type ObjectiveInputs } from './scaleObjective.js';
import type { Scale } from './scales.js';
import { costWeights, type StyleSettings } from './settings.js';
import { addedGramSums, regionTensors, styleRegions, styleSlopes, withSmoothness, type StyleRegion } from './styleRegions.js';
import type { TileEngine } from './tileEngine.js';
import { addWindow, coreInLayer, coreInPictureLayer, crop, cutWindow, stripTiles, type Tile } from './tileGrid.js';
import { blockOf, type Block, type CoreRect, type TileReady } from './tileTask.js';

/**
 * The context a tile's window needs around its core so that every activation the cost reads in the core is
 * what the whole picture gives (no zero padding reaches it), rounded up to the network's largest stride.
 */
export function exactHalo(network: VggNetwork, layers: readonly ReluName[], align: number): number {
  const fields = receptiveFields(network.available);
  const reach = Math.max(...layers.map((l) => {
    const f = fields.get(l)!;
    return Math.max(-f.offset, f.size + f.offset - f.stride);
  }));
  return Math.ceil(reach / align) * align;
}

/** The network's largest stride among the layers (tiles' cores and windows start on its multiples). */
function alignmentOf(network: VggNetwork, layers: LayerChoice): number {
  return Math.max(...[...layers.style, ...layers.content].map((l) => network.strideOf(l)));
}

/**
 * Whether splitting a scale of this size over `engines` engines pays: each strip's core must be at least
 * twice its halo, or the halos' extra work eats the gain.
 */
export function worthSplitting(network: VggNetwork, layers: LayerChoice, scale: Scale, engines: number): boolean {
  if (engines < 2) return false;
  const align = alignmentOf(network, layers);
  const halo = exactHalo(network, [...layers.content, ...layers.style], align);
  return Math.max(scale.width, scale.height) / engines >= 2 * halo;
}

/**
 * The same cost as ScaleObjective, with the picture split into strips that other engines (worker threads)
 * compute at the same time. Exact, as TiledObjective: each engine sums its core's Gram matrices, the picture's
 * are their sum, and each engine then back-propagates the style cost's slope at those matrices plus its core's
 * content cost. Unlike TiledObjective the strips stay put over a scale and each engine keeps its forward pass
 * for the backward pass, so a step costs one forward and one backward pass, split N ways (plus the halos).
 */
export class SplitObjective implements Objective {
  private constructor(
    private readonly layers: LayerChoice,
    private readonly settings: StyleSettings,
    private readonly engines: readonly TileEngine[],
    private readonly tiles: readonly Tile[],
    private readonly regions: StyleRegion[],
    private readonly ready: readonly TileReady[],
    private readonly keep: { photo: tf.Tensor4D; mask: tf.Tensor4D } | null,
  ) {}

  static async create(
    network: VggNetwork,
    layers: LayerChoice,
    settings: StyleSettings,
    scale: Scale,
    inputs: ObjectiveInputs,
    engines: readonly TileEngine[],
  ): Promise<SplitObjective> {
    const { height: h, width: w } = scale;
    const align = alignmentOf(network, layers);
    const halo = exactHalo(network, [...layers.content, ...layers.style], align);
    const tiles = stripTiles(h, w, engines.length, { halo, align });
    const photo = resizeImage(inputs.content, h, w);
    const keepMask = inputs.keepMask ? resizeImage(inputs.keepMask, h, w) : null;
    const layerMasksOf = (m: tf.Tensor4D) =>
      layers.style.map((l) => {
        const s = network.strideOf(l);
        return resizeImage(m, Math.max(1, Math.floor(h / s)), Math.max(1, Math.floor(w / s)));
      });
    const regions = styleRegions(styleGrams(network, layers, settings, scale, inputs.styles), inputs, keepMask, scale, settings, layerMasksOf);
    try {
      const ready = await Promise.all(
        tiles.map((t, i) => {
          const cores = [...layers.content, ...layers.style].map((l): [ReluName, CoreRect] => [l, coreInLayer(t, network.strideOf(l))]);
          const masks = regions.map((r) =>
            r.layerMasks ? layers.style.map((l, li) => blockOf(() => crop(r.layerMasks![li]!, ...coreInPictureLayer(t, network.strideOf(l))))) : null,
          );
          const window = blockOf(() => crop(photo, t.window.y0, t.window.y1, t.window.x0, t.window.x1));
          return engines[i]!.setUp({ layers, pooling: settings.pooling, edgePadding: settings.edgePadding, photo: window, cores, masks });
        }),
      );
      const kept = keepMask ? { photo, mask: keepMask } : null;
      if (!keepMask) photo.dispose();
      return new SplitObjective(layers, settings, engines.slice(0, tiles.length), tiles, regions, ready, kept);
    } catch (e) {
      tf.dispose([photo, ...(keepMask ? [keepMask] : []), ...regionTensors(regions)]);
      throw e;
    }
  }

  async costAndGradient(x: tf.Tensor4D): Promise<CostAndGradient> {
    const w = costWeights(this.settings);
    const pixels = x.shape[1] * x.shape[2];
    const values = x.dataSync() as Float32Array;
    const blocks = this.tiles.map(({ window: win }): Block => ({ data: cutWindow(values, x.shape, win), shape: [win.y1 - win.y0, win.x1 - win.x0, 3] }));
    const parts = await Promise.all(this.engines.map((e, i) => e.forward(blocks[i]!)));
    const sums = this.regions.map((_, ri) => this.layers.style.map((_, li) => addedGramSums(parts, ri, li)));
    const weights = this.regions.map((_, ri) => this.regions[0]!.targets.map((_, li) => this.ready.reduce((n, r) => n + r.weights[ri]![li]!, 0)));
    const { style, layerStyle, slopes } = styleSlopes(this.regions, this.layers, { sums, weights });
    const slopeValues = slopes.map((row) => row.map((d) => d.dataSync() as Float32Array));
    tf.dispose(slopes.flat());
    const energy = Math.max(this.ready.reduce((n, r) => n + r.contentEnergy, 0), 1e-12);
    const scales = { slopes: slopeValues, contentScale: (w.content * pixels) / energy, styleScale: w.style * pixels };
    const grads = await Promise.all(this.engines.map((e) => e.backward(scales)));
    const buffer = new Float32Array(x.size);
    grads.forEach((g, i) => addWindow(buffer, x.shape, this.tiles[i]!.window, g.grad));
    const content = grads.reduce((n, g) => n + g.content, 0) / energy;
    return withSmoothness(x, buffer, this.settings, { content, style, layerStyle });
  }

  project(x: tf.Tensor4D): tf.Tensor4D {
    if (!this.keep) return x;
    const { photo, mask } = this.keep;
    return tf.tidy(() => tf.add(tf.mul(photo, mask), tf.mul(x, tf.sub(1, mask))) as tf.Tensor4D);
  }

  dispose(): void {
    tf.dispose(regionTensors(this.regions));
    if (this.keep) tf.dispose([this.keep.photo, this.keep.mask]);
    // In order behind any call still queued; a failure there has already failed the run.
    for (const e of this.engines) e.tearDown().catch(() => undefined);
  }
}
