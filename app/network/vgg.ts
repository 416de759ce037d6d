import * as tf from '@tensorflow/tfjs-core';
import type { VggWeights } from '../weights/loadVggWeights.js';
import { reluName, type ReluName, type VggConvLayer } from '../weights/vggLayers.js';
import { convRelu, makeConvReluParams, type ConvReluParams } from './convRelu.js';
import { pool2x2, type Pooling } from './pool.js';
import { toCaffeScale } from './preprocess.js';

interface Stage {
  layer: VggConvLayer;
  relu: ReluName;
  params: ConvReluParams;
  /** Pooling follows this layer (the last convolution of a block, when the next block is present). */
  poolAfter: boolean;
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

  /** Runs the network only as deep as the deepest requested layer. Call inside tf.tidy: intermediates are left to it. */
  features(rgb: tf.Tensor4D, layers: readonly ReluName[], pooling: Pooling): Map<ReluName, tf.Tensor4D> {
    const last = Math.max(...layers.map((l) => this.indexOf(l)));
    const wanted = new Set(layers);
    const out = new Map<ReluName, tf.Tensor4D>();
    let x = toCaffeScale(rgb);
    for (let i = 0; i <= last; i++) {
      const stage = this.stages[i]!;
      const y = convRelu(x, stage.params);
      if (wanted.has(stage.relu)) out.set(stage.relu, y);
      x = stage.poolAfter && i < last ? pool2x2(y, pooling) : y;
    }
    return out;
  }

  dispose(): void {
    for (const { params } of this.stages) {
      params.kernel.dispose();
      params.bias.dispose();
      params.adjoint.dispose();
    }
  }
}
