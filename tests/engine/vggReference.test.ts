import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { folderWeightsSource } from '../../main/node/model/folderWeightsSource.js';
import { loadVggWeights } from '../../app/weights/loadVggWeights.js';
import { VggNetwork } from '../../app/network/vgg.js';
import type { ReluName } from '../../app/weights/vggLayers.js';
import { randomValues } from './numeric.js';
import { HAS_REAL_WEIGHTS, REAL_WEIGHTS_DIR } from './realWeights.js';
import { syntheticVggWeights, toWeightsFolder } from './syntheticWeights.js';
import { useTempFolders } from '../fixtures/tempFolder.js';

/** Reads the raw float32 tensors of the folder straight from model.json and the shards, without the engine. */
function rawTensors(dir: string): Map<string, { shape: number[]; data: Float32Array }> {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')).weightsManifest[0];
  const bytes = Buffer.concat(manifest.paths.map((p: string) => readFileSync(path.join(dir, p))));
  const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  let at = 0;
  for (const w of manifest.weights as { name: string; shape: number[] }[]) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    out.set(w.name, { shape: w.shape, data: floats.slice(at, at + n) });
    at += n;
  }
  return out;
}

type Image = { h: number; w: number; c: number; v: Float64Array };

/** Plain 3×3 'same' cross-correlation + bias + ReLU, HWIO kernel, in float64. */
function naiveConvRelu(x: Image, kernel: Float32Array, bias: Float32Array, out: number): Image {
  const y = new Float64Array(x.h * x.w * out);
  for (let i = 0; i < x.h; i++)
    for (let j = 0; j < x.w; j++)
      for (let o = 0; o < out; o++) {
        let s = bias[o]!;
        for (let di = 0; di < 3; di++)
          for (let dj = 0; dj < 3; dj++) {
            const ii = i + di - 1;
            const jj = j + dj - 1;
            if (ii < 0 || jj < 0 || ii >= x.h || jj >= x.w) continue;
            for (let c = 0; c < x.c; c++) s += x.v[(ii * x.w + jj) * x.c + c]! * kernel[((di * 3 + dj) * x.c + c) * out + o]!;
          }
        y[(i * x.w + j) * out + o] = Math.max(0, s);
      }
  return { h: x.h, w: x.w, c: out, v: y };
}

function naiveMaxPool(x: Image): Image {
  const h = Math.floor(x.h / 2);
  const w = Math.floor(x.w / 2);
  const y = new Float64Array(h * w * x.c);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++)
      for (let c = 0; c < x.c; c++) {
        const at = (a: number, b: number) => x.v[((2 * i + a) * x.w + 2 * j + b) * x.c + c]!;
        y[(i * w + j) * x.c + c] = Math.max(at(0, 0), at(0, 1), at(1, 0), at(1, 1));
      }
  return { h, w, c: x.c, v: y };
}

/** The Keras/Caffe convention of SOURCE.md, literally: BGR, 0–255, minus the BGR means. */
function caffeInput(rgb01: Float32Array, h: number, w: number): Image {
  const mean = [103.939, 116.779, 123.68];
  const v = new Float64Array(h * w * 3);
  for (let p = 0; p < h * w; p++) for (let c = 0; c < 3; c++) v[p * 3 + c] = rgb01[p * 3 + (2 - c)]! * 255 - mean[c]!;
  return { h, w, c: 3, v };
}

const LAYERS = ['conv1_1', 'conv1_2', 'pool', 'conv2_1', 'conv2_2', 'pool', 'conv3_1', 'conv3_2', 'conv3_3', 'conv3_4'];

function naiveVgg(raw: ReturnType<typeof rawTensors>, input: Image): Map<string, Image> {
  const out = new Map<string, Image>();
  let x = input;
  for (const name of LAYERS) {
    if (name === 'pool') {
      x = naiveMaxPool(x);
      continue;
    }
    const keras = `block${name[4]}_conv${name[6]}`;
    const k = raw.get(`${keras}/kernel`)!;
    x = naiveConvRelu(x, k.data, raw.get(`${keras}/bias`)!.data, k.shape[3]!);
    out.set(`relu${name.slice(4)}`, x);
  }
  return out;
}

const H = 12;
const W = 10;
const rgb = randomValues(H * W * 3, 2024, 0, 1);
const WANTED: ReluName[] = ['relu1_1', 'relu2_1', 'relu2_2', 'relu3_1', 'relu3_4'];

/** Loads the folder with the engine, runs it on `rgb`, and compares five activations with the float64 reference. */
async function expectEngineMatchesReference(dir: string, backend: 'cpu' | 'wasm'): Promise<void> {
  await useBackend(backend);
  const weights = await loadVggWeights(folderWeightsSource(dir));
  expect(weights.layers.map((l) => l.layer.name)).toEqual(LAYERS.filter((l) => l !== 'pool'));
  const reference = naiveVgg(rawTensors(dir), caffeInput(rgb, H, W));
  const net = VggNetwork.fromWeights(weights);
  const ours = tf.tidy(() => {
    const feats = net.features(tf.tensor4d(rgb, [1, H, W, 3]), WANTED, 'max');
    return WANTED.map((l) => ({ layer: l, shape: feats.get(l)!.shape, values: feats.get(l)!.dataSync().slice() }));
  });
  net.dispose();
  for (const { layer, shape, values } of ours) {
    const ref = reference.get(layer)!;
    expect(shape, layer).toEqual([1, ref.h, ref.w, ref.c]);
    const scale = Math.max(...ref.v.map(Math.abs));
    const worst = Math.max(...values.map((v, i) => Math.abs(v - ref.v[i]!)));
    expect(scale, `${layer} has real activations`).toBeGreaterThan(1);
    expect(worst / scale, `${layer} relative error`).toBeLessThan(1e-4);
  }
}

// Synthetic weights always run, so preprocessing order, Caffe means and layer wiring are checked on every
// machine; the same random kernels are asymmetric in their input channels, so an RGB/BGR swap shows.
describe('VGG19 with synthetic weights, written as a TensorFlow.js folder', () => {
  const tempFolder = useTempFolders('pastiche-vggref-');
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`matches a naive float64 convolution of the raw weights (${backend})`, async () => {
      const dir = await tempFolder();
      for (const [name, bytes] of toWeightsFolder(syntheticVggWeights(8, 7))) writeFileSync(path.join(dir, name), bytes);
      await expectEngineMatchesReference(dir, backend);
    });
  }
});

describe.skipIf(!HAS_REAL_WEIGHTS)('VGG19 with the real ImageNet weights', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`matches a naive float64 convolution of the raw weights (${backend})`, () => expectEngineMatchesReference(REAL_WEIGHTS_DIR, backend));
  }
});
