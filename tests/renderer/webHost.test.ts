import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandForShortcut } from '../../renderer/host/webCommands.js';
import { fetchModelFiles, modelFilesFromPicked, modelUrl, ModelNotFound, statusOfFiles } from '../../renderer/host/webModel.js';
import { syntheticVggWeights, toWeightsFolder } from '../engine/syntheticWeights.js';
import { startStaticServer, type StaticServer } from '../e2e/staticServer.js';

const key = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('web host', () => {
  it('finds the weights beside the page unless the model parameter says otherwise', () => {
    expect(modelUrl(new URL('https://example.org/studio/index.html')).href).toBe('https://example.org/studio/models/vgg19/model.json');
    expect(modelUrl(new URL('https://example.org/studio/?model=/w/vgg/model.json')).href).toBe('https://example.org/w/vgg/model.json');
    expect(modelUrl(new URL('https://example.org/?model=https%3A%2F%2Fcdn.test%2Fm.json')).href).toBe('https://cdn.test/m.json');
  });

  it('turns the menu shortcuts into host commands', () => {
    expect(commandForShortcut(key('o', { ctrlKey: true }))).toEqual({ type: 'open-content' });
    expect(commandForShortcut(key('O', { metaKey: true, shiftKey: true }))).toEqual({ type: 'add-style' });
    expect(commandForShortcut(key('e', { ctrlKey: true }))).toEqual({ type: 'export' });
    expect(commandForShortcut(key('o'))).toBeNull();
    expect(commandForShortcut(key('o', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it('needs model.json among picked weight files', async () => {
    await expect(modelFilesFromPicked([{ name: 'group1-shard1of1.bin', bytes: new Uint8Array(4) }])).rejects.toThrow(/model\.json/);
    const files = await modelFilesFromPicked([{ name: 'model.json', bytes: new Uint8Array(1) }]);
    expect(Object.keys(files)).toEqual(['model.json']);
  });

  describe('weights over HTTP', () => {
    const folder = toWeightsFolder(syntheticVggWeights(4), 300_000);
    let server: StaticServer;
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'pastiche-webhost-'));
      await mkdir(path.join(dir, 'vgg'), { recursive: true });
      for (const [name, bytes] of folder) await writeFile(path.join(dir, 'vgg', name), bytes);
      await writeFile(path.join(dir, 'broken.json'), JSON.stringify({ weightsManifest: [{ paths: ['nowhere.bin'], weights: [] }] }));
      server = await startStaticServer([{ prefix: '/', dir }]);
    });

    afterAll(async () => {
      await server?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('fetches model.json and its shards, and describes a partial model', async () => {
      const url = new URL(`${server.url}/vgg/model.json`);
      const files = await fetchModelFiles(url);
      expect(Object.keys(files).sort()).toEqual([...folder.keys()].sort());
      expect(Object.keys(files).length).toBeGreaterThan(2);
      const status = await statusOfFiles(files, url.href);
      expect(status).toMatchObject({ state: 'ready', location: url.href, layers: ['conv1_1', 'conv1_2', 'conv2_1', 'conv2_2'], partial: true });
      expect(status.bytes).toBe(Object.values(files).reduce((n, f) => n + f.byteLength, 0));
    });

    it('reports a missing model.json as not found, and a missing shard by name', async () => {
      await expect(fetchModelFiles(new URL(`${server.url}/none/model.json`))).rejects.toBeInstanceOf(ModelNotFound);
      await expect(fetchModelFiles(new URL(`${server.url}/broken.json`))).rejects.toThrow(/model\.json lists nowhere\.bin, but .*nowhere\.bin was not found/);
    });
  });
});
