import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { foldReplicatePad, replicatePad } from '../../app/network/edgePadding.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { DEFAULT_SETTINGS, checkSettings, type StyleSettings } from '../../app/run/settings.js';
import type { ReluName } from '../../app/weights/vggLayers.js';
import { useBackend } from '../../main/node/tfBackend.js';
import { caffeInput, naiveVgg, type rawTensors } from './naiveVgg.js';
import { randomValues } from './numeric.js';
import { syntheticVggWeights } from './syntheticWeights.js';

// Replicate padding in conv1_1 (settings.edgePadding): the padding, its adjoint, and the network's forward
// and backward passes with it, against the float64 reference network (naiveVgg.ts).

await useBackend('cpu');

const weights = syntheticVggWeights(7, 3);
/** The weights as the reference reads them from a folder: raw arrays by Keras name. */
const raw: ReturnType<typeof rawTensors> = new Map(
  weights.layers.flatMap(({ layer, kernel, bias }) => [
    [`${layer.kerasName}/kernel`, { shape: [3, 3, layer.inChannels, layer.outChannels], data: kernel }],
    [`${layer.kerasName}/bias`, { shape: [layer.outChannels], data: bias }],
  ]),
);

describe('the edgePadding setting', () => {
  it('takes zero or replicate and refuses anything else by name', () => {
    for (const edgePadding of ['zero', 'replicate'] as const) expect(() => checkSettings({ ...DEFAULT_SETTINGS, edgePadding })).not.toThrow();
    const bad = { ...DEFAULT_SETTINGS, edgePadding: 'mirror' } as unknown as StyleSettings;
    expect(() => checkSettings(bad)).toThrow('edgePadding must be one of zero, replicate (got mirror)');
  });
});

describe('replicatePad and its adjoint foldReplicatePad', () => {
  it('repeats the edge pixels once on every side', () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6], [1, 2, 3, 1]);
    const padded = replicatePad(x);
    expect(padded.shape).toEqual([1, 4, 5, 1]);
    // prettier-ignore
    expect(Array.from(padded.dataSync())).toEqual([
      1, 1, 2, 3, 3,
      1, 1, 2, 3, 3,
      4, 4, 5, 6, 6,
      4, 4, 5, 6, 6,
    ]);
    tf.dispose([x, padded]);
  });

  it('folds a gradient back onto the pixels it copied: corners get three copies besides their own, edges one', () => {
    const ones = tf.ones([1, 5, 6, 1]) as tf.Tensor4D;
    const folded = foldReplicatePad(ones);
    expect(folded.shape).toEqual([1, 3, 4, 1]);
    // prettier-ignore
    expect(Array.from(folded.dataSync())).toEqual([
      4, 2, 2, 4,
      2, 1, 1, 2,
      4, 2, 2, 4,
    ]);
    tf.dispose([ones, folded]);
  });

  it('is the adjoint of the padding, <pad(x), y> = <x, fold(y)>, on a 1 px wide picture too', () => {
    for (const [h, w] of [
      [4, 7],
      [1, 5],
    ] as const) {
      const x = tf.tensor4d(randomValues(h * w * 3, 11), [1, h, w, 3]);
      const y = tf.tensor4d(randomValues((h + 2) * (w + 2) * 3, 12), [1, h + 2, w + 2, 3]);
      const before = tf.memory().numTensors;
      const [left, right] = tf.tidy(() => [tf.sum(tf.mul(replicatePad(x), y)).dataSync()[0]!, tf.sum(tf.mul(x, foldReplicatePad(y))).dataSync()[0]!]);
      expect(tf.memory().numTensors).toBe(before);
      expect(right).toBeCloseTo(left, 4);
      tf.dispose([x, y]);
    }
  });
});

const H = 7;
const W = 6;
const rgb = randomValues(H * W * 3, 77, 0, 1);
const LAYERS: ReluName[] = ['relu1_1', 'relu1_2', 'relu2_1', 'relu3_1'];

describe('VggNetwork with replicate padding in conv1_1', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`gives the float64 reference's activations (${backend}), which differ from zero padding's`, async () => {
      await useBackend(backend);
      const net = VggNetwork.fromWeights(weights);
      const reference = naiveVgg(raw, caffeInput(rgb, H, W), 'relu3_1', 'replicate');
      const zeroReference = naiveVgg(raw, caffeInput(rgb, H, W), 'relu1_1');
      const before = tf.memory().numTensors;
      const input = tf.tensor4d(rgb, [1, H, W, 3]);
      const feats = net.features(input, LAYERS, 'max', 'replicate');
      const ours = new Map(LAYERS.map((l) => [l, feats.get(l)!.dataSync().slice()]));
      tf.dispose([input, ...feats.values()]);
      expect(tf.memory().numTensors).toBe(before);
      net.dispose();
      for (const layer of LAYERS) {
        const ref = reference.get(layer)!;
        const scale = Math.max(...ref.v.map(Math.abs));
        const worst = Math.max(...ours.get(layer)!.map((v, i) => Math.abs(v - ref.v[i]!)));
        expect(worst / scale, layer).toBeLessThan(1e-4);
      }
      const zero = zeroReference.get('relu1_1')!.v;
      const gap = Math.max(...ours.get('relu1_1')!.map((v, i) => Math.abs(v - zero[i]!)));
      expect(gap / Math.max(...zero.map(Math.abs))).toBeGreaterThan(0.05);
    });
  }

  it('has the gradient of the float64 reference (central differences at every pixel), corners and edges included', async () => {
    await useBackend('cpu');
    const net = VggNetwork.fromWeights(weights);
    // A linear functional of two layers, so the gradient runs through conv1_2, a pooling and conv2_1.
    const probe = new Map<ReluName, Float32Array>([
      ['relu1_2', randomValues(H * W * 64, 5)],
      ['relu2_1', randomValues(Math.floor(H / 2) * Math.floor(W / 2) * 128, 6)],
    ]);
    const cost = (feats: Map<ReluName, tf.Tensor4D>) =>
      tf.addN([...probe].map(([l, p]) => tf.sum(tf.mul(feats.get(l)!, tf.tensor(p, feats.get(l)!.shape))))) as tf.Scalar;
    const referenceCost = (pixels: Float64Array) => {
      const feats = naiveVgg(raw, caffeInput(pixels, H, W), 'relu2_1', 'replicate');
      let sum = 0;
      for (const [l, p] of probe) feats.get(l)!.v.forEach((v, i) => (sum += v * p[i]!));
      return sum;
    };
    const image = tf.tensor4d(rgb, [1, H, W, 3]);
    const gradientWith = (edge: 'zero' | 'replicate') => {
      const before = tf.memory().numTensors;
      const { value, grad } = net.gradient(image, ['relu1_2', 'relu2_1'], 'max', cost, edge);
      expect(tf.memory().numTensors).toBe(before + 2);
      const out = grad.dataSync().slice();
      tf.dispose([value, grad]);
      return out;
    };
    const ours = gradientWith('replicate');
    const zero = gradientWith('zero');
    tf.dispose(image);
    net.dispose();

    const h = 1e-6;
    const reference = Array.from(rgb, (_, i) => {
      const at = (delta: number) => {
        const x = Float64Array.from(rgb);
        x[i]! += delta;
        return referenceCost(x);
      };
      return (at(h) - at(-h)) / (2 * h);
    });
    const scale = Math.max(...reference.map(Math.abs));
    const error = (g: ArrayLike<number>) => Math.max(...Array.from(g, (v, i) => Math.abs(v - reference[i]!))) / scale;
    expect(error(ours)).toBeLessThan(1e-3);
    // The edges are where the two paddings part: zero padding's gradient is not this one.
    expect(error(zero)).toBeGreaterThan(1e-2);
  });
});
