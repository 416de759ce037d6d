import { writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import h5wasm from 'h5wasm/node';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../app/weights/modelError.js';
import { readKerasH5 } from '../../main/node/model/kerasH5.js';
import { writeKerasH5, type KerasLayout } from './fixtures/kerasH5Fixture.js';
import { sameFloats } from './fixtures/sameValues.js';
import { syntheticVggLayers } from './fixtures/syntheticVgg.js';
import { useTempDirs } from './tempDir.js';

const tempDir = useTempDirs();

async function h5With(count: number, layout: KerasLayout = 'keras1') {
  const file = path.join(await tempDir(), 'vgg19.h5');
  const layers = syntheticVggLayers(count, count);
  await writeKerasH5(file, layers, layout);
  return { file, layers };
}

async function rejection(p: Promise<unknown>): Promise<ModelError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ModelError);
  return e as ModelError;
}

describe('readKerasH5', () => {
  it.each<KerasLayout>(['keras1', 'keras2', 'model'])('reads the %s layout: every value equals the written float32', async (layout) => {
    const { file, layers } = await h5With(3, layout);
    const read = await readKerasH5(file);
    expect(read.map((l) => l.layer.name)).toEqual(['conv1_1', 'conv1_2', 'conv2_1']);
    read.forEach((l, i) => {
      expect(sameFloats(l.kernel, layers[i]!.kernel)).toBe(true);
      expect(sameFloats(l.bias, layers[i]!.bias)).toBe(true);
    });
  });

  // Written by h5py the way Keras writes (fixtures/write_keras_h5.py), not by this test's own writer: the values
  // encode their place, kernel[h][w][i][o] = 1000h + 100w + 10i + o/64 and bias[o] = −o/4.
  it.each(['keras1', 'keras2'])('reads the %s file that h5py wrote in the Keras layout, every value in its HWIO place', async (version) => {
    const read = await readKerasH5(path.join(import.meta.dirname, 'fixtures', `${version}-conv1_1.h5`));
    expect(read.map((l) => l.layer.name)).toEqual(['conv1_1']);
    const expectedKernel = new Float32Array(3 * 3 * 3 * 64);
    for (let h = 0; h < 3; h++)
      for (let w = 0; w < 3; w++)
        for (let i = 0; i < 3; i++) for (let o = 0; o < 64; o++) expectedKernel[((h * 3 + w) * 3 + i) * 64 + o] = 1000 * h + 100 * w + 10 * i + o / 64;
    expect(sameFloats(read[0]!.kernel, expectedKernel)).toBe(true);
    expect(sameFloats(read[0]!.bias, Float32Array.from({ length: 64 }, (_, o) => 0 - o / 4))).toBe(true);
  });

  it('stops at the requested layer', async () => {
    const { file } = await h5With(3);
    const read = await readKerasH5(file, { upTo: 'conv1_2' });
    expect(read.map((l) => l.layer.name)).toEqual(['conv1_1', 'conv1_2']);
  });

  it('rejects a kernel in channels-first order, naming file and tensor', async () => {
    const file = path.join(await tempDir(), 'th.h5');
    await h5wasm.ready;
    const g = new h5wasm.File(file, 'w');
    g.create_attribute('layer_names', ['block1_conv1'], null, 'S12');
    const l = g.create_group('block1_conv1');
    l.create_attribute('weight_names', ['block1_conv1_W_1:0', 'block1_conv1_b_1:0'], null, 'S18');
    l.create_dataset({ name: 'block1_conv1_W_1:0', data: new Float32Array(1728), shape: [64, 3, 3, 3], dtype: '<f' });
    l.create_dataset({ name: 'block1_conv1_b_1:0', data: new Float32Array(64), shape: [64], dtype: '<f' });
    g.close();
    const e = await rejection(readKerasH5(file));
    expect(e.message).toContain(file);
    expect(e.tensor).toBe('block1_conv1/block1_conv1_W_1:0');
    expect(e.message).toMatch(/shape \[64,3,3,3\] but VGG19 conv1_1 needs \[3,3,3,64\].*Theano/);
  });

  it('rejects a gap in the layers', async () => {
    const file = path.join(await tempDir(), 'gap.h5');
    const [a, , c] = syntheticVggLayers(3);
    await writeKerasH5(file, [a!, c!]);
    const e = await rejection(readKerasH5(file));
    expect(e.message).toContain('has block2_conv1 but not block1_conv2');
  });

  it('rejects a truncated file, saying so', async () => {
    const { file } = await h5With(2);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.byteLength - 5000));
    const e = await rejection(readKerasH5(file));
    expect(e.message).toMatch(new RegExp(`${file}: .*truncated: it has ${bytes.byteLength - 5000} of its ${bytes.byteLength} bytes`));
  });

  it('rejects a file that is not HDF5', async () => {
    const file = path.join(await tempDir(), 'page.h5');
    await writeFile(file, '<html>Not found</html>');
    const e = await rejection(readKerasH5(file));
    expect(e.message).toBe(`${file}: cannot be read as a Keras .h5 weights file: it is not an HDF5 file`);
  });

  it('rejects a non-finite weight, naming the tensor and element', async () => {
    const file = path.join(await tempDir(), 'nan.h5');
    const layers = syntheticVggLayers(1);
    layers[0]!.bias[5] = NaN;
    await writeKerasH5(file, layers, 'keras2');
    const e = await rejection(readKerasH5(file));
    expect(e.tensor).toBe('block1_conv1/block1_conv1/bias:0');
    expect(e.message).toContain('non-finite value at element 5');
  });

  it('rejects an HDF5 file without VGG layers', async () => {
    const file = path.join(await tempDir(), 'other.h5');
    await h5wasm.ready;
    const f = new h5wasm.File(file, 'w');
    f.create_group('dense_1');
    f.close();
    const e = await rejection(readKerasH5(file));
    expect(e.message).toContain('no VGG19 layers found');
    expect(e.message).toContain('dense_1');
  });
});
