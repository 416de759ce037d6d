import * as tf from '@tensorflow/tfjs-core';
import type { VggWeights } from '../weights/loadVggWeights.js';
import { reluName, type ReluName, type VggConvLayer } from '../weights/vggLayers.js';
import { asFloat, poolBackward, poolForward, reluMask } from './backprop.js';
import { convInputGradient, fusedConvRelu, makeConvReluParams, type ConvReluParams } from './convRelu.js';
import { foldReplicatePad, replicatePad, type EdgePadding } from './edgePadding.js';
import type { Pooling } from './pool.js';
import { shareIdentityOnWasm } from '../tensor/sharedIdentity.js';
import { toCaffeScale } from './preprocess.js';

interface Stage {
  layer: VggConvLayer;
  relu: ReluName;
  params: ConvReluParams;
  /** Pooling follows this layer (the last convolution of a block, when the next block is present). */
  poolAfter: boolean;
}

/** What the backward pass keeps of one stage of the forward pass. */
interface StageRecord {
  stage: Stage;
  /** The activation, when a cost reads it (its ReLU mask is then where it is positive). */
  tap: tf.Tensor4D | null;
  /** Bools, when a max pooling follows: the window's winners (and, without a tap, the ReLU's pattern folded in). */
  winners: tf.Tensor4D | null;
  /** Bools, without a tap and unless folded into the winners: where the ReLU was on. */
  relu: tf.Tensor4D | null;
  /** Shape of the stage's output, when a pooling follows it. */
  pooledFrom: number[] | null;
}

/** f(t), freeing t (and f's temporaries) as soon as f is done. */
function consume<T extends tf.Tensor>(t: tf.Tensor, f: (t: tf.Tensor4D) => T): T {
  const out = tf.tidy(() => f(t as tf.Tensor4D));
  t.dispose();
  return out;
}

/** A stage's convolution + ReLU; conv1_1 (index 0) pads its input as `edge` says, the others with zeros. */
function stageForward(x: tf.Tensor4D, stage: Stage, index: number, edge: EdgePadding): tf.Tensor4D {
  if (index > 0 || edge === 'zero') return fusedConvRelu(x, stage.params);
  const padded = replicatePad(x);
  const y = fusedConvRelu(padded, stage.params, 'valid');
  padded.dispose();
  return y;
}

/** The gradient at a stage's input from the one at its convolution's output (see stageForward). */
function stageInputGradient(dy: tf.Tensor4D, stage: Stage, index: number, edge: EdgePadding): tf.Tensor4D {
  if (index > 0 || edge === 'zero') return convInputGradient(dy, stage.params);
  return foldReplicatePad(convInputGradient(dy, stage.params, 'valid'));
}

const recordTensors = (records: StageRecord[]) => records.flatMap((r) => [r.tap, r.winners, r.relu].filter((t): t is tf.Tensor4D => t !== null));

/** The value of a cost of the network's activations and its gradient with respect to the image. */
export interface CostGradient {
  value: tf.Scalar;
  grad: tf.Tensor4D;
}

/** A forward pass kept for its backward pass (VggNetwork.openGradient). */
export interface GradientPass {
  /** The activations at the layers asked for; they belong to the pass. */
  readonly features: ReadonlyMap<ReluName, tf.Tensor4D>;
  /** The value of `cost` and its gradient with respect to the image; ends the pass. */
  finish(cost: (feats: Map<ReluName, tf.Tensor4D>) => tf.Scalar): CostGradient;
  /** Ends the pass without a backward pass. */
  dispose(): void;
}

/** conv1_1's kernel with its input channels reversed, so it takes RGB where the weights expect BGR. */
function rgbKernel(kernel: tf.Tensor4D): tf.Tensor4D {
  return tf.reverse(kernel, 2);
}

/** A frozen VGG19 prefix that returns the ReLU activations asked for. Input: RGB in [0, 1], NHWC. */
export class VggNetwork {
  private readonly stages: Stage[];
  readonly location: string;

  private constructor(stages: Stage[], location: string) {
    this.stages = stages;
    this.location = location;
  }

  static fromWeights(weights: VggWeights): VggNetwork {
    const layers = weights.layers;
    const stages = layers.map(({ layer, kernel, bias }, i): Stage => {
      const params = tf.tidy(() => {
        const k = tf.tensor4d(kernel, [3, 3, layer.inChannels, layer.outChannels]);
        const p = makeConvReluParams(i === 0 ? rgbKernel(k) : k, tf.tensor1d(bias));
        return { ...p, kernel: tf.keep(p.kernel), bias: tf.keep(p.bias), adjoint: tf.keep(p.adjoint) };
      });
      const next = layers[i + 1]?.layer;
      return { layer, relu: reluName(layer), params, poolAfter: next !== undefined && next.block !== layer.block };
    });
    return new VggNetwork(stages, weights.location);
  }

  /** The activations this network can produce, in order. */
  get available(): ReluName[] {
    return this.stages.map((s) => s.relu);
  }

  /** Total downsampling before the deepest of the given layers (a power of two). */
  strideOf(layer: ReluName): number {
    const i = this.indexOf(layer);
    return 2 ** this.stages.slice(0, i).filter((s) => s.poolAfter).length;
  }

  private indexOf(layer: ReluName): number {
    const i = this.stages.findIndex((s) => s.relu === layer);
    if (i === -1) throw new Error(`layer ${layer} is not in this model (it has ${this.available.join(', ')})`);
    return i;
  }

  /**
   * Runs the network only as deep as the deepest requested layer and returns those activations (no
   * gradient: see gradient()). Every other activation is freed as soon as the next layer is computed, so
   * a forward pass holds little more than what it returns.
   */
  features(rgb: tf.Tensor4D, layers: readonly ReluName[], pooling: Pooling, edge: EdgePadding = 'zero'): Map<ReluName, tf.Tensor4D> {
    const last = Math.max(...layers.map((l) => this.indexOf(l)));
    const wanted = new Set(layers);
    const out = new Map<ReluName, tf.Tensor4D>();
    let x = toCaffeScale(rgb);
    let xIsOutput = false;
    for (let i = 0; i <= last; i++) {
      const stage = this.stages[i]!;
      const y = stageForward(x, stage, i, edge);
      if (!xIsOutput) x.dispose();
      const returned = wanted.has(stage.relu);
      if (returned) out.set(stage.relu, y);
      if (stage.poolAfter && i < last) {
        x = pooling === 'max' ? tf.maxPool(y, 2, 2, 'valid') : tf.avgPool(y, 2, 2, 'valid');
        xIsOutput = false;
        if (!returned) y.dispose();
      } else {
        x = y;
        xIsOutput = returned;
      }
    }
    return out;
  }

  /**
   * The value of `cost` (a function of the activations at `layers`) and its gradient with respect to the
   * image, with a backward pass written out instead of TensorFlow.js's tape. The tape keeps a float copy
   * of every layer's output and every intermediate gradient until the whole backward pass ends; here the
   * forward pass keeps only the activations the cost reads and, of the other layers, byte masks (see
   * backprop.ts), and each layer's gradient is freed as soon as the next one down is computed. This is
   * what lets one pass hold pictures several times larger (app/network/passMemory.ts).
   */
  gradient(
    rgb: tf.Tensor4D,
    layers: readonly ReluName[],
    pooling: Pooling,
    cost: (feats: Map<ReluName, tf.Tensor4D>) => tf.Scalar,
    edge: EdgePadding = 'zero',
  ): CostGradient {
    return this.openGradient(rgb, layers, pooling, edge).finish(cost);
  }

  /**
   * gradient() in two halves: the forward pass now, the cost and the backward pass later. Between them the
   * activations at `layers` can be read (app/run/tileTask.ts sums a tile's Gram matrices, and only once every
   * tile's are known is the cost's slope there known).
   */
  openGradient(rgb: tf.Tensor4D, layers: readonly ReluName[], pooling: Pooling, edge: EdgePadding = 'zero'): GradientPass {
    // The cost's own gradients save feature maps; on wasm they would be copies.
    shareIdentityOnWasm();
    let records: StageRecord[] | null = this.forwardForGradient(rgb, layers, pooling, edge);
    const tapped = records.filter((r) => r.tap);
    const features = new Map(tapped.map((r) => [r.stage.relu, r.tap!]));
    const close = () => {
      if (records) tf.dispose(recordTensors(records));
      records = null;
    };
    return {
      features,
      finish: (cost) => {
        if (!records) throw new Error('this gradient pass has ended');
        try {
          const names = [...features.keys()];
          const { value, grads } = tf.valueAndGrads((...feats: tf.Tensor[]) => cost(new Map(names.map((n, i) => [n, feats[i] as tf.Tensor4D]))))([...features.values()]);
          const tapGrads = new Map(names.map((n, i) => [n, grads[i] as tf.Tensor4D]));
          return { value, grad: this.backward(records, tapGrads, edge) };
        } finally {
          close();
        }
      },
      dispose: close,
    };
  }

  private forwardForGradient(rgb: tf.Tensor4D, layers: readonly ReluName[], pooling: Pooling, edge: EdgePadding): StageRecord[] {
    const last = Math.max(...layers.map((l) => this.indexOf(l)));
    const wanted = new Set(layers);
    const records: StageRecord[] = [];
    let x = toCaffeScale(rgb);
    try {
      for (let i = 0; i <= last; i++) {
        const stage = this.stages[i]!;
        const y = stageForward(x, stage, i, edge);
        // A tap's activation stays for the backward pass.
        if (x !== records[i - 1]?.tap) x.dispose();
        const tap = wanted.has(stage.relu) ? y : null;
        if (stage.poolAfter && i < last) {
          const pooled = poolForward(y, pooling);
          let winners = pooled.winners;
          let relu: tf.Tensor4D | null = null;
          if (!tap && winners) {
            const own: tf.Tensor4D = winners;
            winners = tf.tidy(() => tf.logicalAnd(own, reluMask(y)) as tf.Tensor4D);
            own.dispose();
          } else if (!tap) relu = reluMask(y);
          records.push({ stage, tap, winners, relu, pooledFrom: y.shape });
          if (!tap) y.dispose();
          x = pooled.value;
        } else {
          records.push({ stage, tap, winners: null, relu: tap ? null : reluMask(y), pooledFrom: null });
          x = y;
        }
      }
      return records;
    } catch (e) {
      tf.dispose(recordTensors(records));
      throw e;
    }
  }

  /**
   * From the costs' gradients at the taps down to the image. Every float is freed as soon as the next one is
   * made (not at the end of a tidy), and each stage's record as soon as its step is done, so the largest
   * layer's step holds at most three floats of its size.
   */
  private backward(records: StageRecord[], tapGrads: Map<ReluName, tf.Tensor4D>, edge: EdgePadding): tf.Tensor4D {
    let below: tf.Tensor4D | null = null;
    try {
      for (let i = records.length - 1; i >= 0; i--) {
        const r = records[i]!;
        let g: tf.Tensor4D | null = below;
        below = null;
        if (g && r.pooledFrom) g = consume(g, (a) => poolBackward(a, r.pooledFrom!, r.winners));
        if (g && r.relu) g = consume(g, (a) => tf.mul(a, asFloat(r.relu!)) as tf.Tensor4D);
        const dF = tapGrads.get(r.stage.relu);
        if (r.tap && dF) {
          tapGrads.delete(r.stage.relu);
          const sum: tf.Tensor4D = g ? consume(g, (a) => tf.add(a, dF) as tf.Tensor4D) : dF;
          if (g) dF.dispose();
          g = consume(sum, (a) => tf.mul(a, tf.step(r.tap!)) as tf.Tensor4D);
        }
        tf.dispose(recordTensors([r]));
        below = consume(g!, (a) => stageInputGradient(a, r.stage, i, edge));
      }
      // toCaffeScale multiplies by 255.
      return consume(below!, (a) => tf.mul(a, 255) as tf.Tensor4D);
    } finally {
      below?.dispose();
      tf.dispose([...tapGrads.values()]);
    }
  }

  dispose(): void {
    for (const { params } of this.stages) {
      params.kernel.dispose();
      params.bias.dispose();
      params.adjoint.dispose();
    }
  }
}
