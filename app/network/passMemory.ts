import * as tf from '@tensorflow/tfjs-core';
import { VGG19_CONV_LAYERS, reluName, type ReluName } from '../weights/vggLayers.js';

/**
 * How large a picture one pass of the network (forward and VggNetwork.gradient's backward) can hold on a
 * backend: the one-pass limit above which a run paints in tiles (run/tiledObjective.ts).
 */

/** What limits one pass on a backend. */
export interface BackendLimits {
  /** TensorFlow.js backend name: 'wasm', 'webgl', 'webgpu', 'cpu'. */
  backend: string;
  /** WebGL: the largest texture side (WEBGL_MAX_TEXTURE_SIZE). */
  maxTextureSize?: number;
  /**
   * The part of the backend's memory budget this engine may use (0 < share ≤ 1; 1 when absent): several
   * engines in one process (the CLI's `batch --jobs N`, one per worker thread) each take 1/N, so together
   * they stay within one engine's budget.
   */
  budgetShare?: number;
}

/**
 * Bytes per image pixel that one pass holds at its peak, for the activations `layers` read (VGG19 up to the
 * deepest). Per layer with c channels at stride s, e = c / s² values per image pixel: a layer a cost reads
 * keeps its activation, the cost's gradient at it and the cost's own copy (3 floats); another layer keeps
 * a byte mask; and the largest layer's backward step holds three floats more (gradient, unpooled gradient,
 * convolution output). Measured on wasm (docs/benchmarks.md, "Print sizes") the peak heap growth stays
 * below this estimate.
 */
export function passBytesPerPixel(layers: readonly ReluName[]): number {
  const wanted = new Set(layers);
  const stages = VGG19_CONV_LAYERS.map((layer) => ({ relu: reluName(layer), perPixel: layer.outChannels / 4 ** (layer.block - 1) }));
  const last = Math.max(...layers.map((l) => stages.findIndex((s) => s.relu === l)));
  if (last < 0) throw new Error(`passBytesPerPixel: unknown layers ${layers.join(', ')}`);
  let bytes = 0;
  let largest = 0;
  for (const { relu, perPixel } of stages.slice(0, last + 1)) {
    bytes += wanted.has(relu) ? 3 * 4 * perPixel : perPixel;
    largest = Math.max(largest, perPixel);
  }
  return bytes + 3 * 4 * largest;
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;

/**
 * Memory for everything of a run, per backend. wasm32's heap ends at 4 GiB (the TensorFlow.js 4.22 builds
 * declare 65536 pages), and it never shrinks. With 2.25 GiB a tiled 1024 × 1024 run reached 2.9 GB RSS
 * (Node's own memory and the JavaScript-side copies of previews and tile gradients come on top), so 1.75. WebGL and WebGPU: 3 GiB, which keeps a 1024 × 1024 picture in one pass
 * as before; their hard limit is the texture size (below).
 */
const RUN_BUDGET: Record<string, number> = { wasm: 1.75 * GiB, webgl: 3 * GiB, webgpu: 3 * GiB, cpu: 1.75 * GiB };
/** The model's weights, the style targets and the heap's fragmentation. */
const FIXED_RESERVE = 256 * MiB;
/**
 * Per pixel of the whole picture, outside the pass: the image, its gradient, the optimiser's two moments,
 * the average, the photo, a step's temporaries and the tiles' gradient buffer (about eight RGB floats).
 */
const PICTURE_BYTES_PER_PIXEL = 8 * 3 * 4;

/**
 * WebGL convolutions unroll each 3×3 neighbourhood (im2col): 9 × input channels values per output
 * position, four to a texel, and one texture holds at most maxTextureSize² texels.
 */
function textureLimit(maxTextureSize: number, layers: readonly ReluName[]): number {
  const last = Math.max(...layers.map((l) => VGG19_CONV_LAYERS.findIndex((c) => reluName(c) === l)));
  const unrolled = Math.max(...VGG19_CONV_LAYERS.slice(0, last + 1).map((c) => (9 * c.inChannels) / 4 ** (c.block - 1)));
  return Math.floor((maxTextureSize * maxTextureSize * 4) / unrolled);
}

/**
 * The largest picture, in pixels, that one pass can hold on a backend with the given limits, while the
 * whole picture (`picturePixels`, which may be painted in tiles) is held too; with `passes` passes held at
 * once (other engines painting tiles side by side), each gets its share of what is left.
 */
export function passPixelLimit(limits: BackendLimits, layers: readonly ReluName[], picturePixels: number, passes = 1): number {
  const left = (RUN_BUDGET[limits.backend] ?? RUN_BUDGET.cpu!) * (limits.budgetShare ?? 1) - FIXED_RESERVE - picturePixels * PICTURE_BYTES_PER_PIXEL;
  const budget = left / passes;
  const byMemory = Math.floor(Math.max(budget, 0.25 * GiB) / passBytesPerPixel(layers));
  return limits.maxTextureSize ? Math.min(byMemory, textureLimit(limits.maxTextureSize, layers)) : byMemory;
}

/**
 * Whether `passes` passes held at once (tiles painted by other engines side by side) each still get more
 * than the floor of a quarter GiB: where they would not, the picture's own tensors leave too little, and
 * one pass at a time is what fits (measured: a 4096 × 2725 print aborted with two engines, and completes
 * with one).
 */
export function passesFit(limits: BackendLimits, layers: readonly ReluName[], picturePixels: number, passes: number): boolean {
  return passPixelLimit(limits, layers, picturePixels, passes) > passPixelLimit(limits, layers, Infinity);
}

let engineShare = 1;

/**
 * Gives this engine (this thread's TensorFlow.js) `share` of the backend's memory budget, for when several
 * engines run in one process; every run started afterwards sizes its passes to it.
 */
export function shareBackendMemory(share: number): void {
  if (!(share > 0 && share <= 1)) throw new Error(`shareBackendMemory: expected a share in (0, 1], got ${share}`);
  engineShare = share;
}

/** The limits of the TensorFlow.js backend in use. */
export function currentBackendLimits(): BackendLimits {
  const backend = tf.getBackend();
  const budgetShare = engineShare === 1 ? {} : { budgetShare: engineShare };
  if (backend !== 'webgl') return { backend, ...budgetShare };
  return { backend, maxTextureSize: tf.env().getNumber('WEBGL_MAX_TEXTURE_SIZE'), ...budgetShare };
}
