import * as tf from '@tensorflow/tfjs-core';
import { gramPairing, gramSum } from '../costs/gram.js';
import type { EdgePadding } from '../network/edgePadding.js';
import type { Pooling } from '../network/pool.js';
import type { GradientPass, VggNetwork } from '../network/vgg.js';
import type { ReluName } from '../weights/vggLayers.js';
import type { LayerChoice } from './layerPresets.js';

/**
 * One engine's part of a picture that several engines paint together (splitObjective.ts): a tile of the
 * picture, its window (the core and a halo wide enough that the core's activations are exact), and what
 * stays fixed over a scale. Plain arrays only, so it can be posted to another thread.
 */

/** Values of a batch-1 NHWC block, without the batch axis. */
export interface Block {
  data: Float32Array;
  shape: [number, number, number];
}

/** [y0, y1, x0, x1] of the core in a layer's coordinates, relative to the window. */
export type CoreRect = [number, number, number, number];

export interface TileSetup {
  layers: LayerChoice;
  pooling: Pooling;
  edgePadding: EdgePadding;
  /** The photo over the window, at the scale's size (only for the content cost: backward() and ready()). */
  photo?: Block;
  /** The core at each layer the cost reads. */
  cores: Array<[ReluName, CoreRect]>;
  /** Per style region: its mask over the core at each style layer, or null where the region is the whole picture. */
  masks: Array<Block[] | null>;
}

export interface TileReady {
  /** Σ P² of the photo's content features over the core. */
  contentEnergy: number;
  /** Per region and style layer: Σ m² over the core (the position count without a mask). */
  weights: number[][];
}

/** Per region and style layer: Σ (F⊙m)ᵀ(F⊙m) over the core, C × C, row-major. */
export type TileGramSums = Float32Array[][];

/** What the cost is made of, for this tile's backward pass. */
export interface TileSlopes {
  /** Per region and style layer: the style cost's slope in the picture's Gram sum (C × C). */
  slopes: Float32Array[][];
  /** Multiplies Σ (F − P)² over the core. */
  contentScale: number;
  /** Multiplies Σ ⟨D, (F⊙m)ᵀ(F⊙m)⟩. */
  styleScale: number;
}

export interface TileGradient {
  /** The gradient over the whole window (NHWC without the batch axis). */
  grad: Float32Array;
  /** Σ (F − P)² over the core. */
  content: number;
}

/** The values of a tensor that `make` builds (its temporaries, and it, are freed). */
export function blockOf(make: () => tf.Tensor4D): Block {
  const t = tf.tidy(make);
  const block: Block = { data: t.dataSync() as Float32Array, shape: [t.shape[1], t.shape[2], t.shape[3]] };
  t.dispose();
  return block;
}

/** One tile of a picture larger than one pass, sent whole with each call (the tiles move every step). */
export interface TileJob {
  tile: TileSetup;
  window: Block;
}

export interface TileSums {
  sums: TileGramSums;
  weights: number[][];
}

/** Gram sums of one tile of a picture larger than one pass; nothing is kept. */
export function sumTile(network: VggNetwork, { tile, window }: TileJob): TileSums {
  const task = new TileTask(network, tile);
  try {
    return { sums: task.forward(window), weights: task.weights };
  } finally {
    task.dispose();
  }
}

/** Σ P² over the core of the content features of `window` (a tile of the photo): the content cost's scale. */
export function tileEnergy(network: VggNetwork, { tile, window }: TileJob): number {
  const task = new TileTask(network, { ...tile, photo: window });
  try {
    return task.ready().contentEnergy;
  } finally {
    task.dispose();
  }
}

/** The gradient of one tile, from scratch (its forward pass again): the second half of a tiled step. */
export function tileGradient(network: VggNetwork, { tile, window, slopes }: TileJob & { slopes: TileSlopes }): TileGradient {
  const task = new TileTask(network, tile);
  try {
    task.forward(window);
    return task.backward(slopes);
  } finally {
    task.dispose();
  }
}

const toTensor = (b: Block) => tf.tensor4d(b.data, [1, ...b.shape]);
const cropRect = (t: tf.Tensor4D, [y0, y1, x0, x1]: CoreRect) => tf.slice(t, [0, y0, x0, 0], [1, y1 - y0, x1 - x0, -1]);

/**
 * The tile's side of a step, in two halves: forward() runs the network over the window and returns the
 * core's Gram sums; once every tile's are summed into the picture's, backward() takes the style cost's
 * slope there (its gradient is then the true one) and returns the window's gradient.
 */
export class TileTask {
  private target: tf.Tensor4D | null = null;
  private readonly masks: Array<tf.Tensor4D[] | null>;
  private readonly cores: Map<ReluName, CoreRect>;
  private pass: GradientPass | null = null;
  /** The core's Gram sums from the last forward(), per region and style layer, for the cost's value. */
  private grams: tf.Tensor2D[][] = [];
  /** Per region and style layer: Σ m² over the core (the position count without a mask). */
  readonly weights: number[][];

  constructor(
    private readonly network: VggNetwork,
    private readonly setup: TileSetup,
  ) {
    this.cores = new Map(setup.cores);
    this.masks = setup.masks.map((m) => m?.map(toTensor) ?? null);
    this.weights = this.masks.map((m) =>
      setup.layers.style.map((l, li) => {
        if (m) return tf.tidy(() => tf.sum(tf.square(m[li]!)).dataSync()[0]!);
        const [y0, y1, x0, x1] = this.core(l);
        return (y1 - y0) * (x1 - x0);
      }),
    );
  }

  /** The photo's content features over the core (made when first needed: a tile's Gram sums do not need them). */
  private contentTarget(): tf.Tensor4D {
    const layer = this.setup.layers.content[0]!;
    const photo = this.setup.photo;
    if (!photo) throw new Error('this tile was sent without its photo');
    this.target ??= tf.tidy(() => {
      const feats = this.network.features(toTensor(photo), [layer], this.setup.pooling, this.setup.edgePadding);
      return cropRect(feats.get(layer)!, this.core(layer));
    });
    return this.target;
  }

  /** What the picture's cost needs of this tile once per scale. */
  ready(): TileReady {
    const target = this.contentTarget();
    return { contentEnergy: tf.tidy(() => tf.sum(tf.square(target)).dataSync()[0]!), weights: this.weights };
  }

  private core(layer: ReluName): CoreRect {
    const rect = this.cores.get(layer);
    if (!rect) throw new Error(`no core given for layer ${layer}`);
    return rect;
  }

  /** The core's features at a style layer, masked for a region, as positions × channels. */
  private masked(f: tf.Tensor4D, li: number, ri: number): tf.Tensor2D {
    const core = cropRect(f, this.core(this.setup.layers.style[li]!));
    const mask = this.masks[ri]?.[li];
    return tf.reshape(mask ? tf.mul(core, mask) : core, [-1, core.shape[3]]) as tf.Tensor2D;
  }

  /** Runs the network over the window (kept for backward()) and returns the core's Gram sums. */
  forward(window: Block): TileGramSums {
    this.pass?.dispose();
    const { layers, pooling, edgePadding } = this.setup;
    const image = toTensor(window);
    try {
      this.pass = this.network.openGradient(image, [...layers.content, ...layers.style], pooling, edgePadding);
    } finally {
      image.dispose();
    }
    const feats = this.pass.features;
    tf.dispose(this.grams.flat());
    this.grams = this.masks.map((_, ri) => layers.style.map((l, li) => tf.tidy(() => gramSum(this.masked(feats.get(l)!, li, ri)))));
    return this.grams.map((row) => row.map((g) => g.dataSync() as Float32Array));
  }

  /** The gradient of the tile's share of the cost over the window, and its content sum. */
  backward({ slopes, contentScale, styleScale }: TileSlopes): TileGradient {
    if (!this.pass) throw new Error('backward() needs a forward() first');
    const pass = this.pass;
    this.pass = null;
    const { layers } = this.setup;
    const d = slopes.map((row) => row.map((s) => tf.tensor2d(s, [Math.sqrt(s.length), Math.sqrt(s.length)])));
    let content = 0;
    try {
      const { value, grad } = pass.finish((feats) => {
        const contentLayer = layers.content[0]!;
        const c = tf.sum(tf.squaredDifference(cropRect(feats.get(contentLayer)!, this.core(contentLayer)), this.contentTarget()));
        content = c.dataSync()[0]!;
        const linear = d.flatMap((row, ri) => layers.style.map((l, li) => gramPairing(this.masked(feats.get(l)!, li, ri), row[li]!, this.grams[ri]![li])));
        return tf.add(tf.mul(c, contentScale), tf.mul(tf.addN(linear), styleScale));
      });
      value.dispose();
      const data = grad.dataSync() as Float32Array;
      grad.dispose();
      return { grad: data, content };
    } finally {
      tf.dispose([...d.flat(), ...this.grams.flat()]);
      this.grams = [];
    }
  }

  dispose(): void {
    this.pass?.dispose();
    this.pass = null;
    tf.dispose(this.grams.flat());
    this.grams = [];
    tf.dispose([...(this.target ? [this.target] : []), ...this.masks.flatMap((m) => m ?? [])]);
  }
}
