import { describe, expect, it } from 'vitest';
import { decodeEntry } from '../../app/weights/decode.js';
import { loadVggWeights } from '../../app/weights/loadVggWeights.js';
import { memoryWeightsSource } from '../../app/weights/weightsSource.js';
import { encodeTfjsWeights } from '../../main/node/model/encodeTfjsWeights.js';
import { encodeFloat16, float16Bits } from '../../main/node/model/float16.js';
import { sameFloats, worstFloat16Error } from './fixtures/sameValues.js';
import { seededRandom, syntheticVggLayers } from './fixtures/syntheticVgg.js';

function decode16(values: Float32Array): Float32Array {
  return decodeEntry({ name: 'x', shape: [values.length], storage: 'float16', scale: 1, min: 0 }, encodeFloat16(values));
}

describe('float16', () => {
  it('encodes known values exactly (IEEE 754 binary16)', () => {
    const cases: Array<[number, number]> = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.1, 0x2e66],
      [65504, 0x7bff],
      [65520, 0x7c00],
      [1e6, 0x7c00],
      [2 ** -24, 0x0001],
      [2 ** -25, 0x0000],
      [3 * 2 ** -26, 0x0001],
      [2 ** -14, 0x0400],
      [1 + 2 ** -11, 0x3c00],
      [1 + 3 * 2 ** -11, 0x3c02],
      [Infinity, 0x7c00],
    ];
    for (const [value, bits] of cases) expect([value, float16Bits(value)]).toEqual([value, bits]);
    expect(float16Bits(NaN) & 0x7c00).toBe(0x7c00);
    expect(float16Bits(NaN) & 0x3ff).not.toBe(0);
  });

  it('round-trips through the engine decoder within half-precision rounding', () => {
    const random = seededRandom(5);
    const values = Float32Array.from({ length: 5000 }, () => (random() * 2 - 1) * 10 ** (random() * 8 - 5));
    expect(worstFloat16Error(decode16(values), values)).toBeLessThanOrEqual(1);
  });
});

describe('encodeTfjsWeights', () => {
  it('writes a folder the engine loader reads back exactly, sharded at the given size', () => {
    const layers = syntheticVggLayers(3, 9);
    const files = encodeTfjsWeights(layers, { shardBytes: 100_000 });
    const floats = layers.reduce((n, l) => n + l.kernel.length + l.bias.length, 0);
    const shards = Object.keys(files).filter((f) => f !== 'model.json');
    expect(shards).toHaveLength(Math.ceil((floats * 4) / 100_000));
    expect(shards[0]).toBe(`group1-shard1of${shards.length}.bin`);
    expect(shards.slice(0, -1).every((s) => files[s]!.byteLength === 100_000)).toBe(true);
    return loadVggWeights(memoryWeightsSource(new Map(Object.entries(files)))).then((read) => {
      read.layers.forEach((l, i) => {
        expect(sameFloats(l.kernel, layers[i]!.kernel)).toBe(true);
        expect(sameFloats(l.bias, layers[i]!.bias)).toBe(true);
      });
    });
  });

  it('shards at 4 MiB by default, like the TensorFlow.js converter, cutting the float stream at every boundary', async () => {
    // conv1_1 … conv3_4 (eight layers): 2,325,568 floats = 9,302,272 bytes, so three shards (4 MiB, 4 MiB, the rest), and the
    // cuts fall inside conv3_2/kernel and conv3_4/kernel, so tensors straddle both boundaries.
    const layers = syntheticVggLayers(8, 1);
    const files = encodeTfjsWeights(layers);
    const MiB4 = 4 * 1024 * 1024;
    const stream = Buffer.concat(layers.flatMap((l) => [l.kernel, l.bias]).map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength)));
    expect(stream.byteLength).toBe(2_325_568 * 4);
    const names = ['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin'];
    expect(Object.keys(files).sort()).toEqual([...names, 'model.json'].sort());
    expect(JSON.parse(new TextDecoder().decode(files['model.json'])).weightsManifest[0].paths).toEqual(names);
    expect(names.map((n) => files[n]!.byteLength)).toEqual([MiB4, MiB4, 2_325_568 * 4 - 2 * MiB4]);
    names.forEach((n, k) => {
      const expected = stream.subarray(k * MiB4, (k + 1) * MiB4);
      expect(Buffer.from(files[n]!).equals(expected), `${n} holds bytes ${k * MiB4}…${k * MiB4 + expected.byteLength}`).toBe(true);
    });
    const read = await loadVggWeights(memoryWeightsSource(new Map(Object.entries(files))));
    read.layers.forEach((l, i) => {
      expect(sameFloats(l.kernel, layers[i]!.kernel), `${l.layer.name} kernel`).toBe(true);
      expect(sameFloats(l.bias, layers[i]!.bias), `${l.layer.name} bias`).toBe(true);
    });
  });
});
