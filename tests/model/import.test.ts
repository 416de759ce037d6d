import { readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVggWeights } from '../../app/weights/loadVggWeights.js';
import { ModelError } from '../../app/weights/modelError.js';
import { folderWeightsSource } from '../../main/node/model/folderWeightsSource.js';
import { importModel, modelStatus, openModelStore, ModelStoreError } from '../../main/node/model/modelStore.js';
import { writeKerasH5 } from './fixtures/kerasH5Fixture.js';
import { sameFloats, worstFloat16Error } from './fixtures/sameValues.js';
import { listTree } from './fixtures/storeFiles.js';
import { syntheticVggLayers } from './fixtures/syntheticVgg.js';
import { writeTfjsFolder } from './fixtures/tfjsFolder.js';
import { useTempDirs } from './tempDir.js';

const tempDir = useTempDirs();

async function setup() {
  const dir = await tempDir();
  return { dir, store: openModelStore(path.join(dir, 'store')) };
}

async function modelError(p: Promise<unknown>): Promise<ModelError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ModelError);
  return e as ModelError;
}

describe('importModel', () => {
  it('converts a Keras .h5 file: the installed weights equal the written ones', async () => {
    const { dir, store } = await setup();
    const layers = syntheticVggLayers(3, 11);
    await writeKerasH5(path.join(dir, 'w.h5'), layers, 'keras2');
    const status = await importModel(store, path.join(dir, 'w.h5'));
    expect(status).toMatchObject({ state: 'ready', layers: ['conv1_1', 'conv1_2', 'conv2_1'], partial: true });
    const installed = await loadVggWeights(folderWeightsSource(path.join(store.dir, 'vgg19')));
    installed.layers.forEach((l, i) => {
      expect(sameFloats(l.kernel, layers[i]!.kernel)).toBe(true);
      expect(sameFloats(l.bias, layers[i]!.bias)).toBe(true);
    });
    const manifest = JSON.parse(await readFile(path.join(store.dir, 'vgg19', 'model.json'), 'utf8'));
    expect(manifest.convertedFrom).toBe('w.h5');
    expect(manifest.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual([
      'block1_conv1/kernel',
      'block1_conv1/bias',
      'block1_conv2/kernel',
      'block1_conv2/bias',
      'block2_conv1/kernel',
      'block2_conv1/bias',
    ]);
    expect(status.bytes).toBe((await stat(path.join(store.dir, 'vgg19', 'model.json'))).size + (await stat(path.join(store.dir, 'vgg19', 'group1-shard1of1.bin'))).size);
  });

  it('converts a Keras .h5 file to float16 within half-precision tolerance', async () => {
    const { dir, store } = await setup();
    const layers = syntheticVggLayers(2, 12);
    await writeKerasH5(path.join(dir, 'w.h5'), layers);
    await importModel(store, path.join(dir, 'w.h5'), { float16: true });
    const installed = await loadVggWeights(folderWeightsSource(path.join(store.dir, 'vgg19')));
    installed.layers.forEach((l, i) => expect(worstFloat16Error(l.kernel, layers[i]!.kernel)).toBeLessThanOrEqual(1));
  });

  it('copies a TensorFlow.js weights folder byte for byte, every shard', async () => {
    const { dir, store } = await setup();
    const source = path.join(dir, 'tfjs');
    const names = await writeTfjsFolder(source, syntheticVggLayers(2, 13), { shardBytes: 40_000 });
    await writeFile(path.join(source, 'README.md'), 'not part of the model');
    const status = await importModel(store, source);
    expect(status.layers).toEqual(['conv1_1', 'conv1_2']);
    expect(names.length).toBeGreaterThan(3);
    expect(await listTree(path.join(store.dir, 'vgg19'))).toEqual([...names].sort());
    for (const name of names) {
      expect((await readFile(path.join(store.dir, 'vgg19', name))).equals(await readFile(path.join(source, name)))).toBe(true);
    }
  });

  it('accepts the path of model.json itself', async () => {
    const { dir, store } = await setup();
    await writeTfjsFolder(path.join(dir, 'tfjs'), syntheticVggLayers(1));
    expect((await importModel(store, path.join(dir, 'tfjs', 'model.json'))).layers).toEqual(['conv1_1']);
  });

  it('rejects a folder with a truncated shard, naming the file and tensor, and keeps the installed model', async () => {
    const { dir, store } = await setup();
    await writeTfjsFolder(path.join(dir, 'good'), syntheticVggLayers(1, 1));
    await importModel(store, path.join(dir, 'good'));
    const source = path.join(dir, 'bad');
    const names = await writeTfjsFolder(source, syntheticVggLayers(2, 2), { shardBytes: 40_000 });
    const shards = names.filter((n) => n.endsWith('.bin'));
    const last = path.join(source, shards.at(-1)!);
    await truncate(last, (await stat(last)).size - 100);

    const e = await modelError(importModel(store, source));
    expect(e.file).toBe(last);
    expect(e.tensor).toBe('block1_conv2/bias');
    expect(e.message).toMatch(new RegExp(`^${last}: truncated: .* so tensor block1_conv2/bias is incomplete$`));
    expect(await modelStatus(store)).toMatchObject({ state: 'ready', layers: ['conv1_1'] });
    expect(await listTree(store.dir)).toEqual(['vgg19', 'vgg19/group1-shard1of1.bin', 'vgg19/model.json']);
  });

  it('rejects a folder whose model.json is damaged, naming it', async () => {
    const { dir, store } = await setup();
    const source = path.join(dir, 'tfjs');
    await writeTfjsFolder(source, syntheticVggLayers(1));
    await writeFile(path.join(source, 'model.json'), '{"weightsManifest": [');
    const e = await modelError(importModel(store, source));
    expect(e.message).toMatch(new RegExp(`^${path.join(source, 'model.json')}: not valid JSON`));
    expect(await listTree(store.dir)).toEqual([]);
  });

  it('rejects a folder with a shard missing, naming it', async () => {
    const { dir, store } = await setup();
    const source = path.join(dir, 'tfjs');
    await writeTfjsFolder(source, syntheticVggLayers(1));
    await writeFile(path.join(source, 'group1-shard1of1.bin'), new Uint8Array(0));
    const e = await modelError(importModel(store, source));
    expect(e.file).toBe(path.join(source, 'group1-shard1of1.bin'));
    expect(e.tensor).toBe('block1_conv1/kernel');
  });

  it('rejects a folder without model.json and a path that does not exist', async () => {
    const { dir, store } = await setup();
    expect((await modelError(importModel(store, dir))).message).toBe(`${dir}: holds no model.json; import a TensorFlow.js weights folder or a Keras .h5 file`);
    const missing = path.join(dir, 'nope.h5');
    const e = await importModel(store, missing).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ModelStoreError);
    expect((e as ModelStoreError).message).toBe(`${missing}: no such file or folder`);
  });
});
