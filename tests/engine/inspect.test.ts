import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { folderWeightsSource } from '../../main/node/model/folderWeightsSource.js';
import { loadVggWeights } from '../../app/weights/loadVggWeights.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { VGG19_CONV_LAYERS, reluName, type ReluName } from '../../app/weights/vggLayers.js';
import { receptiveFields } from '../../app/inspect/receptiveField.js';
import { channelStats, rankChannels } from '../../app/inspect/channelStats.js';
import { topPatches } from '../../app/inspect/topPatches.js';
import { cutPatch } from '../../app/inspect/cutPatch.js';
import { gramView } from '../../app/inspect/gramView.js';
import { inspectLayer } from '../../app/inspect/layerInspection.js';
import { chooseLayers, withStyleLayerWeights } from '../../app/run/layerPresets.js';
import { blendedGrams, styleShares } from '../../app/inspect/styleShares.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { randomValues } from './numeric.js';
import { HAS_REAL_WEIGHTS, REAL_WEIGHTS_DIR } from './realWeights.js';
import { caffeInput, naiveVgg, rawTensors } from './naiveVgg.js';

await useBackend('wasm');

/** RGBA bytes from [0, 1] RGB values. */
function rgbaFrom(rgb: Float32Array, width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([rgb[p * 3]! * 255, rgb[p * 3 + 1]! * 255, rgb[p * 3 + 2]! * 255, 255], p * 4);
  return { width, height, data };
}

/** The [0, 1] values the engine sees for RGBA bytes (what rgbaToTensor computes). */
function rgbOf(img: RgbaImage): Float32Array {
  const out = new Float32Array(img.width * img.height * 3);
  for (let p = 0; p < img.width * img.height; p++) for (let c = 0; c < 3; c++) out[p * 3 + c] = img.data[p * 4 + c]! / 255;
  return out;
}

function randomImage(width: number, height: number, seed: number): RgbaImage {
  return rgbaFrom(randomValues(width * height * 3, seed, 0, 1), width, height);
}

describe('receptive fields', () => {
  const all = VGG19_CONV_LAYERS.map(reluName);

  it('match the hand-computed sizes for VGG19 (3×3 convolutions, 2×2 pooling between blocks)', () => {
    // relu1_1: 3. relu1_2: 3 + 2 = 5. pool: 5 + 1 = 6, step 2. relu2_1: 6 + 2·2 = 10. relu2_2: 14.
    // pool: 14 + 2 = 16, step 4. relu3_1: 16 + 2·4 = 24 … relu3_4: 48. pool: 52, step 8. relu4_1: 68 …
    // relu4_4: 116. pool: 124, step 16. relu5_1: 124 + 32 = 156.
    const expected: Record<string, [number, number]> = {
      relu1_1: [3, 1],
      relu1_2: [5, 1],
      relu2_1: [10, 2],
      relu2_2: [14, 2],
      relu3_1: [24, 4],
      relu3_2: [32, 4],
      relu3_4: [48, 4],
      relu4_1: [68, 8],
      relu4_2: [84, 8],
      relu4_4: [116, 8],
      relu5_1: [156, 16],
      relu5_4: [252, 16],
    };
    const fields = receptiveFields(all);
    for (const [layer, [size, stride]] of Object.entries(expected)) {
      expect({ layer, size: fields.get(layer as ReluName)!.size, stride: fields.get(layer as ReluName)!.stride }).toEqual({ layer, size, stride });
    }
    // Unit 0 of relu2_1 sees input pixels −4 … 5: conv1_1 and conv1_2 reach 2 px out, conv2_1 one pooled step (2 px) more.
    expect(fields.get('relu2_1')!.offset).toBe(-4);
    expect(fields.get('relu3_1')!.offset).toBe(-10);
  });

  it.skipIf(!HAS_REAL_WEIGHTS)('are exactly where a unit of the real network takes its input from (gradient support)', async () => {
    const net = VggNetwork.fromWeights(await loadVggWeights(folderWeightsSource(REAL_WEIGHTS_DIR)));
    const fields = receptiveFields(net.available);
    const size = 48;
    const image = tf.tensor4d(randomValues(size * size * 3, 7, 0.2, 0.8), [1, size, size, 3]);
    for (const layer of ['relu2_1', 'relu3_1'] as ReluName[]) {
      const f = fields.get(layer)!;
      const [row, col] = [4, 5];
      // The sum over all channels of one unit, with average pooling so every input of a window gets a gradient.
      const { value, grad } = net.gradient(image, [layer], 'avg', (feats) => tf.sum(tf.slice(feats.get(layer)!, [0, row, col, 0], [1, 1, 1, -1])));
      const g = grad.dataSync();
      tf.dispose([value, grad]);
      let [y0, y1, x0, x1] = [Infinity, -Infinity, Infinity, -Infinity];
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++)
          if ([0, 1, 2].some((c) => g[(y * size + x) * 3 + c] !== 0)) [y0, y1, x0, x1] = [Math.min(y0, y), Math.max(y1, y), Math.min(x0, x), Math.max(x1, x)];
      const top = f.offset + row * f.stride;
      const left = f.offset + col * f.stride;
      expect([y0, y1, x0, x1], layer).toEqual([top, top + f.size - 1, left, left + f.size - 1]);
    }
    image.dispose();
    net.dispose();
  });
});

describe('top patches', () => {
  const field = { size: 10, stride: 2, offset: -4 };

  it('returns the strongest units first, one per peak, with their receptive fields', () => {
    const [height, width, channels] = [12, 16, 3];
    const values = new Float32Array(height * width * channels);
    const set = (r: number, c: number, ch: number, v: number) => (values[(r * width + c) * channels + ch] = v);
    set(3, 4, 1, 9); // the hot spot
    set(3, 5, 1, 8); // its neighbour: the same patch seen again, skipped
    set(10, 12, 1, 5);
    set(0, 0, 1, 2);
    set(6, 6, 0, 100); // another channel
    const patches = topPatches({ height, width, channels, values }, 1, field);
    expect(patches.map((p) => [p.row, p.col, p.activation])).toEqual([
      [3, 4, 9],
      [10, 12, 5],
      [0, 0, 2],
    ]);
    expect(patches[0]).toMatchObject({ x: -4 + 4 * 2, y: -4 + 3 * 2, size: 10 });
    expect(() => topPatches({ height, width, channels, values }, 3, field)).toThrow('channel 3 is out of range: the layer has channels 0–2');
  });

  it('cuts patches from the picture, with the padding colour outside it', () => {
    const img: RgbaImage = { width: 2, height: 2, data: new Uint8ClampedArray([10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255, 100, 110, 120, 255]) };
    const patch = cutPatch(img, -1, 0, 3);
    expect([...patch.data.slice(0, 12)]).toEqual([124, 117, 104, 255, 10, 20, 30, 255, 40, 50, 60, 255]);
    expect([...patch.data.slice(24, 36)]).toEqual([124, 117, 104, 255, 124, 117, 104, 255, 124, 117, 104, 255]);
  });

  it.skipIf(!HAS_REAL_WEIGHTS)('find a hot spot in a synthetic picture through the real network', async () => {
    const net = VggNetwork.fromWeights(await loadVggWeights(folderWeightsSource(REAL_WEIGHTS_DIR)));
    const [w, h] = [64, 48];
    const data = new Uint8ClampedArray(w * h * 4).fill(128);
    // A small red square with a white centre at x 40–44, y 28–32, on flat grey: the only structure in the picture.
    for (let y = 28; y <= 32; y++) for (let x = 40; x <= 44; x++) data.set(x === 42 && y === 30 ? [255, 255, 255, 255] : [230, 20, 20, 255], (y * w + x) * 4);
    const photo = { width: w, height: h, data };
    for (const layer of ['relu1_1', 'relu2_1', 'relu3_1'] as ReluName[]) {
      // The channel that stands out most from its average response: the one that sees the square.
      const feats = tf.tidy(() => net.features(tf.tensor4d(rgbOf(photo), [1, h, w, 3]), [layer], 'max').get(layer)!);
      const stats = channelStats(feats);
      feats.dispose();
      const channel = rankChannels(stats.max.map((m, c) => m - stats.mean[c]!))[0]!;
      const r = inspectLayer(net, { layer, photo, styles: [photo], current: null, channel, count: 4, pooling: 'max' });
      const top = r.patches.photo[0]!;
      expect(top.activation).toBeCloseTo(stats.max[channel]!, 3);
      expect(top.x <= 44 && top.x + top.size - 1 >= 40 && top.y <= 32 && top.y + top.size - 1 >= 28, `${layer} top patch ${JSON.stringify([top.x, top.y, top.size])}`).toBe(true);
      expect(top.size).toBe(receptiveFields(net.available).get(layer)!.size);
      expect(top.image.width).toBe(top.size);
    }
    net.dispose();
  });
});

describe('Gram view', () => {
  it('orders channels by the style energy and gives the difference in the same order', () => {
    const style = [1, 0.5, 0.1, 0.5, 4, 0.2, 0.1, 0.2, 2];
    const current = [2, 0, 0, 0, 3, 0, 0, 0, 2];
    const v = gramView(style, current);
    expect(v.order).toEqual([1, 2, 0]);
    expect([...v.style]).toEqual([4, 0.2, 0.5, 0.2, 2, 0.1, 0.5, 0.1, 1].map(Math.fround));
    expect([...v.difference!].map((x) => Math.round(x * 100) / 100)).toEqual([-1, -0.2, -0.5, -0.2, 0, -0.1, -0.5, -0.1, 1]);
  });
});

describe.skipIf(!HAS_REAL_WEIGHTS)('inspection on the real weights', () => {
  let net: VggNetwork;
  afterAll(() => net?.dispose());

  it('gives per-channel means, maxima and maps equal to the naive float64 network', async () => {
    net = VggNetwork.fromWeights(await loadVggWeights(folderWeightsSource(REAL_WEIGHTS_DIR)));
    const [W, H] = [20, 14];
    const photo = randomImage(W, H, 11);
    const reference = naiveVgg(rawTensors(REAL_WEIGHTS_DIR), caffeInput(rgbOf(photo), H, W));
    for (const layer of ['relu1_1', 'relu2_1', 'relu3_1'] as ReluName[]) {
      const ref = reference.get(layer)!;
      const refMean = Array.from({ length: ref.c }, (_, c) => {
        let s = 0;
        for (let p = 0; p < ref.h * ref.w; p++) s += ref.v[p * ref.c + c]!;
        return s / (ref.h * ref.w);
      });
      const refMax = Array.from({ length: ref.c }, (_, c) => Math.max(...Array.from({ length: ref.h * ref.w }, (_, p) => ref.v[p * ref.c + c]!)));
      const feats = tf.tidy(() => net.features(tf.tensor4d(rgbOf(photo), [1, H, W, 3]), [layer], 'max').get(layer)!);
      const stats = channelStats(feats);
      feats.dispose();
      const scale = Math.max(...refMax);
      expect(Math.max(...refMean.map((m, c) => Math.abs(m - stats.mean[c]!))) / scale, `${layer} means`).toBeLessThan(1e-4);
      expect(Math.max(...refMax.map((m, c) => Math.abs(m - stats.max[c]!))) / scale, `${layer} maxima`).toBeLessThan(1e-4);

      const r = inspectLayer(net, { layer, photo, styles: [photo], current: null, channel: null, count: 16, pooling: 'max' });
      expect(r.shown).toEqual(rankChannels(refMean).slice(0, 16));
      for (const map of r.maps.photo) {
        expect([map.width, map.height]).toEqual([ref.w, ref.h]);
        expect(Math.abs(map.mean - refMean[map.channel]!) / scale).toBeLessThan(1e-5);
        const worst = Math.max(...Array.from(map.values, (v, p) => Math.abs(v - (ref.v[p * ref.c + map.channel]! / map.scale) * 255)));
        expect(worst, `${layer} channel ${map.channel} map`).toBeLessThanOrEqual(0.51);
      }
    }
  });

  it('splits the style cost by layer as the run weighs it, and honours per-layer weights', () => {
    const photo = randomImage(32, 24, 3);
    const style = randomImage(32, 32, 4);
    const current = randomImage(32, 24, 5);
    const equal = chooseLayers(net.available);
    const styleTensor = tf.tensor4d(rgbOf(style), [1, 32, 32, 3]);
    const pic = tf.tensor4d(rgbOf(current), [1, 24, 32, 3]);
    const targets = blendedGrams(net, [styleTensor], [1], equal.style, 'max');
    const plain = styleShares(net, pic, targets, equal, 'max');
    const onlyMiddle = styleShares(net, pic, targets, withStyleLayerWeights(equal, [0, 1, 0]), 'max');
    tf.dispose([styleTensor, pic, ...targets]);
    expect(plain.map((s) => s.layer)).toEqual(['relu1_1', 'relu2_1', 'relu3_1']);
    expect(plain.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 6);
    expect(plain.every((s) => s.share > 0)).toBe(true);
    expect(onlyMiddle.map((s) => s.share)).toEqual([0, 1, 0]);
    // Equal weights: each term is a third of the layer's own cost, which the one-layer weighting gives whole.
    expect(plain[1]!.cost * 3).toBeCloseTo(onlyMiddle[1]!.cost, 5);

    const before = tf.memory().numTensors;
    const r = inspectLayer(net, { layer: 'relu2_1', photo, styles: [style], current, channel: 7, count: 16, pooling: 'max' });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.shown).toEqual([7]);
    expect(r.patchChannel).toBe(7);
    expect(r.maps.current![0]!.channel).toBe(7);
    expect(r.gram.channels).toBe(128);
    expect(r.shares!.find((s) => s.layer === 'relu2_1')!.share).toBeCloseTo(plain[1]!.share, 5);
    expect(() => inspectLayer(net, { layer: 'relu2_1', photo, styles: [style], current, channel: 128, count: 16, pooling: 'max' })).toThrow('channel 128 is out of range: relu2_1 has channels 0–127');
  });
});
