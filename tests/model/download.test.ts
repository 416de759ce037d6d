import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DownloadProgress } from '../../app/host/contract.js';
import { loadVggWeights, type VggLayerWeights } from '../../app/weights/loadVggWeights.js';
import { ModelError } from '../../app/weights/modelError.js';
import { memoryWeightsSource } from '../../app/weights/weightsSource.js';
import { downloadModel, importModel, modelStatus, readModelFiles, ModelStoreError } from '../../main/node/model/modelStore.js';
import { partialDownloadOf } from '../../main/node/model/storeLayout.js';
import { writeKerasH5 } from './fixtures/kerasH5Fixture.js';
import { answerStatus, redirectTo, serveFile, silent } from './fixtures/modelServer.js';
import { listTree } from './fixtures/storeFiles.js';
import { sameFloats, worstFloat16Error } from './fixtures/sameValues.js';
import { syntheticVggLayers } from './fixtures/syntheticVgg.js';
import { useTempDirs } from './tempDir.js';
import { useDownloadFixture } from './fixtures/downloadFixture.js';

const tempDir = useTempDirs();
const FILE = '/vgg19_notop.h5';
/** One try: these tests are about what is left after a single interrupted transfer (retries: downloadRetry.test.ts). */
const ONCE = { retry: { attempts: 1, firstDelayMs: 0 } };

const layers: VggLayerWeights[] = syntheticVggLayers(3, 7);
const fx = useDownloadFixture(layers, tempDir);

async function installedWeights(): Promise<VggLayerWeights[]> {
  const files = await readModelFiles(fx.store);
  return (await loadVggWeights(memoryWeightsSource(new Map(Object.entries(files))))).layers;
}

async function failure(p: Promise<unknown>): Promise<ModelStoreError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ModelStoreError);
  return e as ModelStoreError;
}

describe('downloadModel', () => {
  it('downloads, verifies, converts and installs, reporting progress in order', async () => {
    fx.server.on(FILE, serveFile(fx.h5, { etag: '"v1"' }));
    const events: DownloadProgress[] = [];
    const status = await downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, onProgress: (p) => events.push(p) });

    expect(status).toMatchObject({ state: 'ready', layers: ['conv1_1', 'conv1_2', 'conv2_1'], partial: true, location: path.join(fx.store.dir, 'vgg19') });
    const downloading = events.filter((e) => e.phase === 'downloading');
    expect(downloading.length).toBeGreaterThan(0);
    expect(downloading.every((e, i) => i === 0 || e.receivedBytes >= downloading[i - 1]!.receivedBytes)).toBe(true);
    expect(downloading.at(-1)).toMatchObject({ receivedBytes: fx.h5.length, totalBytes: fx.h5.length });
    expect(downloading.every((e) => Number.isFinite(e.bytesPerSecond) && e.bytesPerSecond >= 0)).toBe(true);
    const phases = events.map((e) => e.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(phases).toEqual(['downloading', 'verifying', 'converting', 'installing']);

    const installed = await installedWeights();
    installed.forEach((l, i) => {
      expect(sameFloats(l.kernel, layers[i]!.kernel)).toBe(true);
      expect(sameFloats(l.bias, layers[i]!.bias)).toBe(true);
    });
    expect(await listTree(fx.store.dir)).toEqual(['vgg19', 'vgg19/group1-shard1of1.bin', 'vgg19/model.json']);
  });

  it('resumes an interrupted download with a Range request from the bytes already received', async () => {
    fx.server.on(FILE, serveFile(fx.h5, { etag: '"v1"', cutAt: Math.floor(fx.h5.length / 2) }), serveFile(fx.h5, { etag: '"v1"' }));
    const first = await failure(downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, ...ONCE }));
    expect(first.kind).toBe('network');
    expect(first.message).toMatch(/the connection closed after .* of .*; run the download again to resume/);
    const [kept] = (await listTree(fx.store.dir)).filter((f) => f.endsWith('.part'));
    expect(kept).toBeDefined();
    const received = (await stat(path.join(fx.store.dir, kept!))).size;
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThanOrEqual(Math.floor(fx.h5.length / 2));

    const status = await downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5 });
    expect(status.state).toBe('ready');
    const [, second] = fx.server.requestsTo(FILE);
    expect(second!.headers.range).toBe(`bytes=${received}-`);
    expect(second!.headers['if-range']).toBe('"v1"');
    expect(sameFloats((await installedWeights())[2]!.kernel, layers[2]!.kernel)).toBe(true);
    expect((await listTree(fx.store.dir)).filter((f) => !f.startsWith('vgg19'))).toEqual([]);
  });

  it('starts over when the server sends the whole file instead of the range', async () => {
    fx.server.on(FILE, serveFile(fx.h5, { cutAt: 100_000 }), serveFile(fx.h5, { ignoreRange: true }));
    await failure(downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, ...ONCE }));
    const status = await downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5 });
    expect(status.layers).toHaveLength(3);
    expect(fx.server.requestsTo(FILE)[1]!.headers.range).toMatch(/^bytes=\d+-$/);
    expect(sameFloats((await installedWeights())[0]!.kernel, layers[0]!.kernel)).toBe(true);
  });

  it('drops a partial download that does not fit the file on the server (416) and starts over', async () => {
    fx.server.on(FILE, serveFile(fx.h5));
    const partial = partialDownloadOf(fx.store, fx.md5);
    await mkdir(path.dirname(partial.data), { recursive: true });
    await writeFile(partial.data, new Uint8Array(fx.h5.length + 10));
    await writeFile(partial.meta, JSON.stringify({ url: fx.server.url(FILE) }));
    const status = await downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5 });
    expect(status.layers).toHaveLength(3);
    expect(fx.server.requestsTo(FILE).map((r) => r.headers.range)).toEqual([`bytes=${fx.h5.length + 10}-`, undefined]);
    expect(await listTree(fx.store.dir)).toEqual(['vgg19', 'vgg19/group1-shard1of1.bin', 'vgg19/model.json']);
  });

  it('ends with a clear error and installs nothing when the checksum does not match', async () => {
    fx.server.on(FILE, serveFile(fx.h5));
    const wrong = '0'.repeat(32);
    const e = await failure(downloadModel(fx.store, { url: fx.server.url(FILE), md5: wrong }));
    expect(e.kind).toBe('checksum');
    expect(e.message).toBe(`${fx.server.url(FILE)}: the downloaded file has MD5 ${fx.md5} but ${wrong} was expected; it was discarded and nothing was installed`);
    expect(await listTree(fx.store.dir)).toEqual([]);
  });

  it.each([
    [500, 'Internal Server Error'],
    [404, 'Not Found'],
  ])('reports a server error %i', async (code, text) => {
    fx.server.on(FILE, answerStatus(code));
    const e = await failure(downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5 }));
    expect(e.kind).toBe('http');
    expect(e.message).toBe(`${fx.server.url(FILE)}: the server answered ${code} ${text}`);
    expect(await listTree(fx.store.dir)).toEqual([]);
  });

  it('reports a server that never answers as a timeout', async () => {
    fx.server.on(FILE, silent);
    const e = await failure(downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, timeoutMs: 200, ...ONCE }));
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe(`${fx.server.url(FILE)}: the server sent nothing for 0.2 s (timed out); try again later`);
    expect(await listTree(fx.store.dir)).toEqual([]);
  });

  it('cancels through the AbortSignal and cleans up', async () => {
    fx.server.on(FILE, serveFile(fx.h5, { stallAt: 200_000 }));
    const controller = new AbortController();
    const e = await failure(
      downloadModel(fx.store, {
        url: fx.server.url(FILE),
        md5: fx.md5,
        signal: controller.signal,
        onProgress: (p) => p.receivedBytes > 0 && controller.abort(),
      }),
    );
    expect(e.kind).toBe('cancelled');
    expect(await listTree(fx.store.dir)).toEqual([]);
  });

  it('keeps the installed model when a new download fails', async () => {
    fx.server.on(FILE, serveFile(fx.h5));
    await downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5 });
    const before = await readModelFiles(fx.store);
    fx.server.on(FILE, serveFile(fx.h5, { cutAt: 50_000 }));
    await failure(downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, ...ONCE }));
    fx.server.on(FILE, serveFile(fx.h5));
    await failure(downloadModel(fx.store, { url: fx.server.url(FILE), md5: 'f'.repeat(32) }));
    const after = await readModelFiles(fx.store);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of Object.keys(before)) expect(Buffer.from(after[name]!).equals(before[name]!)).toBe(true);
  });

  it('tries the next mirror when one fails, following redirects', async () => {
    fx.server.on('/gone.h5', answerStatus(404)).on('/moved.h5', redirectTo(FILE)).on(FILE, serveFile(fx.h5));
    const status = await downloadModel(fx.store, { url: [fx.server.url('/gone.h5'), fx.server.url('/moved.h5')], md5: fx.md5 });
    expect(status.state).toBe('ready');
    expect(fx.server.requests.map((r) => r.path)).toEqual(['/gone.h5', '/moved.h5', FILE]);
  });

  it('rejects a downloaded file that is not a Keras weights file, naming the URL', async () => {
    fx.server.on(FILE, serveFile(new TextEncoder().encode('<html>sign in</html>')));
    const e = await downloadModel(fx.store, { url: fx.server.url(FILE) }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ModelError);
    expect((e as Error).message).toBe(`the file downloaded from ${fx.server.url(FILE)}: cannot be read as a Keras .h5 weights file: it is not an HDF5 file`);
    expect(await listTree(fx.store.dir)).toEqual([]);
  });

  it('installs float16 weights at half the size, within half-precision tolerance', async () => {
    fx.server.on(FILE, serveFile(fx.h5));
    const status = await downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, float16: true });
    const manifest = JSON.parse(await readFile(path.join(fx.store.dir, 'vgg19', 'model.json'), 'utf8'));
    expect(manifest.weightsManifest[0].weights[0]).toEqual({ name: 'block1_conv1/kernel', shape: [3, 3, 3, 64], dtype: 'float32', quantization: { dtype: 'float16' } });
    const floats = layers.reduce((n, l) => n + l.kernel.length + l.bias.length, 0);
    expect((await stat(path.join(fx.store.dir, 'vgg19', 'group1-shard1of1.bin'))).size).toBe(floats * 2);
    expect(status.layers).toHaveLength(3);
    const installed = await installedWeights();
    installed.forEach((l, i) => {
      expect(worstFloat16Error(l.kernel, layers[i]!.kernel)).toBeLessThanOrEqual(1);
      expect(worstFloat16Error(l.bias, layers[i]!.bias)).toBeLessThanOrEqual(1);
      expect(sameFloats(l.kernel, layers[i]!.kernel)).toBe(false);
    });
  });

  it('refuses a second download into the same store while one runs', async () => {
    fx.server.on(FILE, serveFile(fx.h5, { stallAt: 100_000 }));
    const controller = new AbortController();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, signal: controller.signal, onProgress: () => started() });
    await running;
    const e = await failure(downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5 }));
    expect(e.kind).toBe('busy');
    expect(e.message).toContain(`the model store ${fx.store.dir} is busy: process ${process.pid}`);
    controller.abort();
    expect((await failure(first)).kind).toBe('cancelled');
  });

  it('rejects a malformed checksum or URL before touching the store', async () => {
    expect((await failure(downloadModel(fx.store, { url: fx.server.url(FILE), md5: 'abc' }))).message).toBe('the MD5 checksum must be 32 hex digits, not "abc"');
    expect((await failure(downloadModel(fx.store, { url: 'ftp://example.invalid/x.h5' }))).kind).toBe('input');
    expect(await listTree(fx.store.dir)).toEqual([]);
    expect(fx.server.requests).toEqual([]);
  });

  it('is reported by modelStatus, and an import replaces it', async () => {
    expect(await modelStatus(fx.store)).toEqual({ state: 'missing', location: path.join(fx.store.dir, 'vgg19'), layers: [], partial: false });
    const file = path.join(await tempDir(), 'two.h5');
    await writeKerasH5(file, syntheticVggLayers(2, 3));
    expect((await importModel(fx.store, file)).layers).toEqual(['conv1_1', 'conv1_2']);
  });
});
