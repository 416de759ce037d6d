import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadProgress } from '../../app/host/contract.js';
import { loadVggWeights } from '../../app/weights/loadVggWeights.js';
import { memoryWeightsSource } from '../../app/weights/weightsSource.js';
import { downloadModel, openModelStore, readModelFiles, ModelStoreError } from '../../main/node/model/modelStore.js';
import { answerStatus, serveFile } from './fixtures/modelServer.js';
import { listTree } from './fixtures/storeFiles.js';
import { sameFloats } from './fixtures/sameValues.js';
import { syntheticVggLayers } from './fixtures/syntheticVgg.js';
import { useTempDirs } from './tempDir.js';
import { useDownloadFixture } from './fixtures/downloadFixture.js';

const tempDir = useTempDirs();
const FILE = '/vgg19_notop.h5';
const layers = syntheticVggLayers(3, 7);
/** Five tries as in the app, with waits short enough for a test (10, 20, 40, 80 ms). */
const FAST = { attempts: 5, firstDelayMs: 10 };

const fx = useDownloadFixture(layers, tempDir);

function downloaded(events: readonly DownloadProgress[]): number[] {
  return events.filter((e) => e.phase === 'downloading').map((e) => e.receivedBytes);
}

const nonDecreasing = (values: readonly number[]) => values.every((v, i) => i === 0 || v >= values[i - 1]!);

describe('downloads that survive a dropped connection', () => {
  it('completes in one call when the connection is cut twice, each retry resuming from the bytes on disk', async () => {
    const third = Math.floor(fx.h5.length / 3);
    fx.server.on(FILE, serveFile(fx.h5, { etag: '"v1"', cutAt: third }), serveFile(fx.h5, { etag: '"v1"', cutAt: 2 * third }), serveFile(fx.h5, { etag: '"v1"' }));
    const events: DownloadProgress[] = [];
    const status = await downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, retry: FAST, onProgress: (p) => events.push(p) });

    expect(status.state).toBe('ready');
    const ranges = fx.server.requestsTo(FILE).map((r) => r.headers.range);
    expect(ranges).toHaveLength(3);
    expect(ranges[0]).toBeUndefined();
    // Each retry asks for the rest from where the bytes on disk end: at most where the server cut, and past the previous start.
    const starts = ranges.slice(1).map((r) => Number(/^bytes=(\d+)-$/.exec(r ?? '')?.[1]));
    expect(starts[0]).toBeGreaterThan(0);
    expect(starts[0]).toBeLessThanOrEqual(third);
    expect(starts[1]).toBeGreaterThan(starts[0]!);
    expect(starts[1]).toBeLessThanOrEqual(2 * third);
    expect(fx.server.requestsTo(FILE).slice(1).every((r) => r.headers['if-range'] === '"v1"')).toBe(true);

    const received = downloaded(events);
    expect(nonDecreasing(received)).toBe(true);
    expect(received.at(-1)).toBe(fx.h5.length);
    const installed = (await loadVggWeights(memoryWeightsSource(new Map(Object.entries(await readModelFiles(fx.store)))))).layers;
    installed.forEach((l, i) => expect(sameFloats(l.kernel, layers[i]!.kernel)).toBe(true));
    expect(await listTree(fx.store.dir)).toEqual(['vgg19', 'vgg19/group1-shard1of1.bin', 'vgg19/model.json']);
  });

  it('tells the user only after five tries, keeping the bytes for a later resume', async () => {
    // Every answer ends 20 KB further on: the download makes progress but never finishes.
    const cuts = [1, 2, 3, 4, 5].map((n) => serveFile(fx.h5, { cutAt: n * 20_000 }));
    fx.server.on(FILE, ...cuts);
    const e = await downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, retry: FAST }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ModelStoreError);
    expect((e as ModelStoreError).kind).toBe('network');
    expect((e as Error).message).toMatch(/: the connection closed after [\d.]+ kB of [\d.]+ kB; run the download again to resume where it stopped$/);
    expect(fx.server.requestsTo(FILE)).toHaveLength(5);
    expect((await listTree(fx.store.dir)).filter((f) => f.endsWith('.part'))).toHaveLength(1);
  });

  it('does not retry a server that refuses (404)', async () => {
    fx.server.on(FILE, answerStatus(404));
    const e = await downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, retry: FAST }).catch((err: unknown) => err);
    expect((e as ModelStoreError).kind).toBe('http');
    expect(fx.server.requestsTo(FILE)).toHaveLength(1);
  });

  it('keeps the progress from going back when a retry gets the whole file again', async () => {
    fx.server.on(FILE, serveFile(fx.h5, { cutAt: 120_000 }), serveFile(fx.h5, { ignoreRange: true }));
    const events: DownloadProgress[] = [];
    await downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, retry: FAST, onProgress: (p) => events.push(p) });
    const received = downloaded(events);
    expect(received.some((r) => r >= 100_000)).toBe(true);
    expect(nonDecreasing(received)).toBe(true);
    expect(fx.server.requestsTo(FILE)[1]!.headers.range).toMatch(/^bytes=\d+-$/);
  });

  it('stops waiting for the next try when cancelled', async () => {
    fx.server.on(FILE, serveFile(fx.h5, { cutAt: 50_000 }));
    const controller = new AbortController();
    const download = downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, signal: controller.signal, retry: { attempts: 5, firstDelayMs: 60_000 } });
    while (fx.server.requestsTo(FILE).length === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 200));
    const started = performance.now();
    controller.abort();
    const e = await download.catch((err: unknown) => err);
    expect((e as ModelStoreError).kind).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(fx.server.requestsTo(FILE)).toHaveLength(1);
    expect(await listTree(fx.store.dir)).toEqual([]);
  });
});

/** A forward proxy for plain HTTP (absolute-URI requests), recording what it forwarded. */
async function startProxy(): Promise<{ server: Server; url: string; forwarded: string[] }> {
  const forwarded: string[] = [];
  const server = createServer((req, res) => {
    forwarded.push(req.url ?? '');
    const upstream = get(req.url ?? '', { headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, forwarded };
}

describe('downloads through a proxy', () => {
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY, http_proxy: process.env.http_proxy, no_proxy: process.env.no_proxy };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('goes through the proxy HTTP_PROXY names, and straight to hosts NO_PROXY lists', async () => {
    fx.server.on(FILE, serveFile(fx.h5));
    const proxy = await startProxy();
    try {
      delete process.env.http_proxy;
      delete process.env.no_proxy;
      process.env.HTTP_PROXY = proxy.url;
      process.env.NO_PROXY = 'example.invalid';
      expect((await downloadModel(fx.store, { url: fx.server.url(FILE), md5: fx.md5, retry: FAST })).state).toBe('ready');
      expect(proxy.forwarded).toEqual([fx.server.url(FILE)]);

      process.env.NO_PROXY = '127.0.0.1';
      const other = openModelStore(path.join(await tempDir(), 'models'));
      expect((await downloadModel(other, { url: fx.server.url(FILE), md5: fx.md5, retry: FAST })).state).toBe('ready');
      expect(proxy.forwarded).toHaveLength(1);
      expect(fx.server.requestsTo(FILE)).toHaveLength(2);
    } finally {
      proxy.server.closeAllConnections();
      await new Promise((r) => proxy.server.close(r));
    }
  });
});
