import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../app/weights/modelError.js';
import { defaultModelStoreDir } from '../../main/node/paths.js';
import { withStoreLock } from '../../main/node/model/storeLock.js';
import { importModel, modelStatus, openModelStore, readModelFiles, removeModel } from '../../main/node/model/modelStore.js';
import { listTree } from './fixtures/storeFiles.js';
import { syntheticVggLayers } from './fixtures/syntheticVgg.js';
import { writeTfjsFolder } from './fixtures/tfjsFolder.js';
import { useTempDirs } from './tempDir.js';

const tempDir = useTempDirs();

async function storeWith(layerCount: number) {
  const dir = await tempDir();
  await writeTfjsFolder(path.join(dir, 'src'), syntheticVggLayers(layerCount), { shardBytes: 50_000 });
  const store = openModelStore(path.join(dir, 'store'));
  await importModel(store, path.join(dir, 'src'));
  return { dir, store };
}

describe('the model store', () => {
  it('lives in the user data folder unless told otherwise', () => {
    expect(openModelStore().dir).toBe(defaultModelStoreDir());
    expect(openModelStore('relative/store').dir).toBe(path.resolve('relative/store'));
  });

  it('hands over exactly the files the engine reads, from a store or a folder', async () => {
    const { dir, store } = await storeWith(2);
    const files = await readModelFiles(store);
    expect(Object.keys(files).sort()).toEqual((await listTree(path.join(store.dir, 'vgg19'))).sort());
    expect(Object.keys(await readModelFiles(store.dir)).sort()).toEqual(Object.keys(files).sort());
    expect(Object.keys(await readModelFiles(path.join(dir, 'src'))).sort()).toEqual(Object.keys(files).sort());
  });

  it('says what to do when asked for files it does not have', async () => {
    const store = openModelStore(await tempDir());
    await expect(readModelFiles(store)).rejects.toThrow(`no VGG19 weights installed in ${store.dir}: run "pastiche model download" or "pastiche model import PATH"`);
  });

  it('reports a damaged installed model with the file and tensor', async () => {
    const { store } = await storeWith(1);
    const shard = path.join(store.dir, 'vgg19', 'group1-shard1of1.bin');
    await writeFile(shard, new Uint8Array(10));
    const e = await modelStatus(store).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ModelError);
    expect((e as ModelError).file).toBe(shard);
    expect((e as ModelError).tensor).toBe('block1_conv1/kernel');
    expect((e as ModelError).message.startsWith(`${shard}: truncated`)).toBe(true);
  });

  it('removes the model', async () => {
    const { store } = await storeWith(1);
    await removeModel(store);
    expect((await modelStatus(store)).state).toBe('missing');
    expect(await listTree(store.dir)).toEqual([]);
  });

  it('puts back a model that a crash left moved aside mid-install, and drops abandoned staging folders', async () => {
    const { store } = await storeWith(1);
    const temp = path.join(store.dir, '.pastiche-tmp');
    await mkdir(path.join(temp, 'staging-abc'), { recursive: true });
    await rename(path.join(store.dir, 'vgg19'), path.join(temp, 'previous-staging-xyz'));
    expect((await modelStatus(store)).state).toBe('missing');
    await withStoreLock(store, async () => undefined);
    expect(await modelStatus(store)).toMatchObject({ state: 'ready', layers: ['conv1_1'] });
    expect(await listTree(store.dir)).toEqual(['vgg19', 'vgg19/group1-shard1of1.bin', 'vgg19/model.json']);
  });

  it('takes over the lock of a process that no longer runs', async () => {
    const { dir, store } = await storeWith(1);
    await mkdir(path.join(store.dir, '.pastiche-tmp'));
    await writeFile(path.join(store.dir, '.pastiche-tmp', 'lock'), '2147483646');
    await writeTfjsFolder(path.join(dir, 'two'), syntheticVggLayers(2));
    expect((await importModel(store, path.join(dir, 'two'))).layers).toHaveLength(2);
    expect(await listTree(store.dir)).toEqual(['vgg19', 'vgg19/group1-shard1of1.bin', 'vgg19/model.json']);
  });
});
