import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVggWeights } from '../../app/weights/loadVggWeights.js';
import { ModelError } from '../../app/weights/modelError.js';
import { memoryWeightsSource } from '../../app/weights/weightsSource.js';
import { syntheticVggWeights, toWeightsFolder } from './syntheticWeights.js';
import { HAS_REAL_WEIGHTS, REAL_WEIGHTS_DIR } from './realWeights.js';

const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const load = (files: Map<string, Uint8Array>) => loadVggWeights(memoryWeightsSource(files, 'test-folder'));

async function failure(files: Map<string, Uint8Array>): Promise<ModelError> {
  try {
    await load(files);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return e as ModelError;
  }
  throw new Error('expected the folder to be rejected');
}

function manifestOf(files: Map<string, Uint8Array>) {
  return JSON.parse(new TextDecoder().decode(files.get('model.json')));
}

describe('loadVggWeights', () => {
  const weights = syntheticVggWeights(3);

  it('reads a sharded float32 folder back exactly', async () => {
    const loaded = await load(toWeightsFolder(weights, 40_000));
    expect(loaded.layers.map((l) => l.layer.name)).toEqual(['conv1_1', 'conv1_2', 'conv2_1']);
    loaded.layers.forEach((l, i) => {
      expect(l.kernel).toEqual(weights.layers[i]!.kernel);
      expect(l.bias).toEqual(weights.layers[i]!.bias);
    });
  });

  it('accepts Caffe-style names and a "name:0" suffix with a scope prefix', async () => {
    const files = toWeightsFolder(weights);
    const m = manifestOf(files);
    for (const w of m.weightsManifest[0].weights) w.name = `vgg19/${w.name.replace(/block(\d)_conv(\d)/, 'conv$1_$2')}:0`;
    files.set('model.json', encode(m));
    expect((await load(files)).layers).toHaveLength(3);
  });

  it('decodes float16 and uint8-quantised weights', async () => {
    // conv1_1 only: kernel 3·3·3·64 = 1728 values, bias 64.
    const kernel16 = new Uint16Array(1728).fill(0x3c00); // 1.0 in half precision
    kernel16[0] = 0xc000; // -2.0
    kernel16[1] = 0x3555; // 0.333251953125
    const bias8 = Uint8Array.from({ length: 64 }, (_, i) => i);
    const shard = new Uint8Array(1728 * 2 + 64);
    shard.set(new Uint8Array(kernel16.buffer), 0);
    shard.set(bias8, 1728 * 2);
    const files = new Map([
      ['w.bin', shard],
      [
        'model.json',
        encode({
          weightsManifest: [
            {
              paths: ['w.bin'],
              weights: [
                { name: 'block1_conv1/kernel', shape: [3, 3, 3, 64], dtype: 'float32', quantization: { dtype: 'float16' } },
                { name: 'block1_conv1/bias', shape: [64], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
              ],
            },
          ],
        }),
      ],
    ]);
    const [layer] = (await load(files)).layers;
    expect(layer!.kernel[0]).toBe(-2);
    expect(layer!.kernel[1]).toBeCloseTo(0.333251953125, 10);
    expect(layer!.kernel[2]).toBe(1);
    expect(layer!.bias[0]).toBe(-1);
    expect(layer!.bias[10]).toBe(4);
  });

  it('names the shard and the tensor when a shard is truncated', async () => {
    // 100 000-byte shards; conv1_1 takes bytes 0–7167, conv1_2's kernel 7168–154623.
    const files = toWeightsFolder(weights, 100_000);
    files.set('group1-shard2of5.bin', files.get('group1-shard2of5.bin')!.slice(0, 1000));
    const e = await failure(files);
    expect(e.message).toMatch(/^group1-shard2of5\.bin: truncated: the shards hold 351304 of 450304 bytes, so tensor block1_conv2\/kernel is incomplete$/);
    expect(e.file).toBe('group1-shard2of5.bin');
    expect(e.tensor).toBe('block1_conv2/kernel');
  });

  it('names a missing shard', async () => {
    const files = toWeightsFolder(weights, 100_000);
    files.delete('group1-shard3of5.bin');
    const e = await failure(files);
    expect(e.message).toMatch(/group1-shard3of5\.bin: cannot be read \(.*file not found\)/);
  });

  it('rejects shards longer than the manifest says', async () => {
    const files = toWeightsFolder(weights);
    const only = files.get('group1-shard1of1.bin')!;
    files.set('group1-shard1of1.bin', new Uint8Array(only.length + 8));
    expect((await failure(files)).message).toMatch(/do not belong to this model\.json/);
  });

  it('rejects a wrong shape, naming the tensor', async () => {
    const files = toWeightsFolder(weights);
    const m = manifestOf(files);
    m.weightsManifest[0].weights[2].shape = [3, 3, 64, 32];
    files.set('model.json', encode(m));
    const e = await failure(files);
    expect(e.message).toMatch(/tensor block1_conv2\/kernel has shape \[3,3,64,32\] but VGG19 conv1_2 needs \[3,3,64,64\]/);
  });

  it('rejects layers that are not a prefix of VGG19', async () => {
    const files = toWeightsFolder(weights);
    const m = manifestOf(files);
    const entries = m.weightsManifest[0].weights;
    entries[2].name = 'block1_convX/kernel';
    files.set('model.json', encode(m));
    expect((await failure(files)).message).toMatch(/has block2_conv1 but not block1_conv2/);
  });

  it('rejects non-finite values as corruption, naming file and tensor', async () => {
    const files = toWeightsFolder(weights);
    const shard = files.get('group1-shard1of1.bin')!;
    new DataView(shard.buffer, shard.byteOffset).setFloat32(1728 * 4 + 64 * 4 + 40, NaN, true);
    const e = await failure(files);
    expect(e.message).toMatch(/group1-shard1of1\.bin: tensor block1_conv2\/kernel holds a non-finite value at element 10/);
  });

  it('gives clear messages for a broken model.json', async () => {
    const bad = (text: string) => new Map([['model.json', new TextEncoder().encode(text)]]);
    expect((await failure(bad('{not json'))).message).toMatch(/^model\.json: not valid JSON/);
    expect((await failure(bad('{"format":"layers-model"}'))).message).toBe('model.json: has no weightsManifest');
    expect((await failure(bad('{"weightsManifest":[{"paths":["../../etc/passwd"],"weights":[]}]}'))).message).toMatch(/outside the model folder/);
    expect((await failure(bad('{"weightsManifest":[{"paths":["a.bin"],"weights":[{"name":"x","shape":[2],"dtype":"int32"}]}]}'))).message).toMatch(
      /tensor x has dtype int32/,
    );
    expect((await failure(new Map())).message).toMatch(/^model\.json: cannot be read in test-folder/);
  });

  it('finds no VGG layers in an unrelated model', async () => {
    const files = new Map([
      ['w.bin', new Uint8Array(8)],
      ['model.json', encode({ weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'dense/kernel', shape: [2], dtype: 'float32' }] }] })],
    ]);
    expect((await failure(files)).message).toMatch(/no VGG19 weights found/);
  });
});

describe.skipIf(!HAS_REAL_WEIGHTS)('the real partial VGG19 folder', () => {
  const real = () => new Map(readdirSync(REAL_WEIGHTS_DIR).map((f) => [f, new Uint8Array(readFileSync(path.join(REAL_WEIGHTS_DIR, f)))]));

  it('loads conv1_1 … conv3_4 with the statistics SOURCE.md gives', async () => {
    const w = await load(real());
    expect(w.layers.map((l) => l.layer.name)).toEqual(['conv1_1', 'conv1_2', 'conv2_1', 'conv2_2', 'conv3_1', 'conv3_2', 'conv3_3', 'conv3_4']);
    const k = w.layers[0]!.kernel;
    const mean = k.reduce((a, b) => a + b, 0) / k.length;
    expect(mean).toBeCloseTo(-0.00205, 4);
    const biasMean = w.layers[0]!.bias.reduce((a, b) => a + b, 0) / 64;
    expect(biasMean).toBeCloseTo(0.468, 3);
  });

  it('rejects a copy with a truncated shard, naming the file and the first damaged tensor', async () => {
    const files = real();
    files.set('group1-shard3of5.bin', files.get('group1-shard3of5.bin')!.slice(0, 100_000));
    // Shard 3 should run to byte 6 291 456; cut at 4 294 304, inside conv3_2's kernel (bytes 2 221 312–4 580 607).
    const e = await failure(files);
    expect(e.file).toBe('group1-shard3of5.bin');
    expect(e.tensor).toBe('block3_conv2/kernel');
  });
});
