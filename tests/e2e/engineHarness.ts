import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import type { Costs, StyleSettings } from '../../app/index.js';
import type { BackendInfo, BackendOptions, BackendPreference } from '../../renderer/engine/protocol.js';
import { SECURITY_HEADERS } from '../../main/electron/contentSecurity.js';
import { launchChromium } from './browser.js';
import { MODEL_DIR } from './requirements.js';
import { startStaticServer, type StaticServer } from './staticServer.js';
import { ensureWebBuild, WEB_DIST } from './webBuild.js';

/**
 * Drives the studio's real engine worker (the bundle in dist/web) from a blank same-origin page, with the
 * worker protocol of renderer/engine/protocol.ts: start a backend, hand over the real weights, run, and
 * read tf.memory() between runs. No studio UI: these tests look at the engine's numbers.
 */

/** The engine worker's file in the web build (Vite names it worker-<hash>.js). */
export function engineWorkerPath(): string {
  const name = readdirSync(path.join(WEB_DIST, 'assets')).find((f) => /^worker-[\w-]+\.js$/.test(f));
  if (!name) throw new Error('the web build has no engine worker (assets/worker-*.js)');
  return `/assets/${name}`;
}

/** A blank page of the web build, served with the real weights under the desktop app's exact headers, to run engine workers in. */
export interface EnginePage {
  server: StaticServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function openEnginePage(chromiumArgs: string[] = []): Promise<EnginePage> {
  ensureWebBuild();
  const server = await startStaticServer(
    [
      { prefix: '/', dir: WEB_DIST },
      { prefix: '/models/vgg19/', dir: MODEL_DIR },
    ],
    SECURITY_HEADERS,
  );
  const browser = await launchChromium(chromiumArgs);
  const page = await browser.newPage();
  await page.goto(`${server.url}/favicon.svg`);
  return { server, browser, page, close: async () => (await browser.close(), await server.close()) };
}

export interface Picture {
  width: number;
  height: number;
  data: number[];
}

/** An image from ../shared/images at `longest` px on its longest side, as RGBA. */
export async function pictureAt(file: string, longest: number): Promise<Picture> {
  const { data, info } = await sharp(file).resize(longest, longest, { fit: 'inside' }).removeAlpha().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: [...data] };
}

export interface EngineSession {
  backend: BackendInfo | null;
  failure: string | null;
  /** tf.memory().numTensors after the weights were loaded, then after each run. */
  tensors: number[];
  /** `range`: the largest minus the smallest RGB value of the result (a painted picture varies). */
  runs: Array<{ costs: Costs[]; image: Picture; iterations: number; range: number }>;
  events: string[];
}

export interface SessionRequest {
  backend: BackendPreference;
  options: BackendOptions;
  /** Runs one after the other, each with these settings' iteration counts; none: only start the backend. */
  runs: StyleSettings[];
  content?: Picture;
  style?: Picture;
  /**
   * Module code run in the worker before the engine's bundle is imported (e.g. to take WebGPU away):
   * the engine then starts in a blob: module worker that imports it.
   */
  prelude?: string;
  timeoutMs: number;
  /** False: the result's pixels stay in the page (print sizes are too large to send back); only its size and range come. */
  pixelsBack?: boolean;
}

/** Starts one engine worker in `page`, runs the request in it, terminates it and returns what it reported. */
export function runEngineSession(page: Page, workerPath: string, request: SessionRequest): Promise<EngineSession> {
  return page.evaluate(
    async ({ workerPath, request }) => {
      const url = new URL(workerPath, location.href).href;
      const worker = request.prelude
        ? new Worker(URL.createObjectURL(new Blob([`${request.prelude}\nawait import(${JSON.stringify(url)});\npostMessage({ type: 'prelude-ready' });`], { type: 'text/javascript' })), { type: 'module' })
        : new Worker(url, { type: 'module' });
      const events: Array<Record<string, unknown> & { type: string }> = [];
      let wake = () => {};
      worker.onmessage = (e: MessageEvent) => {
        events.push(e.data as Record<string, unknown> & { type: string });
        wake();
      };
      worker.onerror = (e: ErrorEvent) => {
        events.push({ type: 'error', message: e.message });
        wake();
      };
      const deadline = Date.now() + request.timeoutMs;
      const until = async (types: string[]): Promise<Record<string, unknown> & { type: string }> => {
        for (let seen = 0; ; ) {
          for (; seen < events.length; seen++) if (types.includes(events[seen]!.type)) return events.splice(seen, 1)[0]!;
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${types.join('/')}; events: ${events.map((e) => e.type).join(', ')}`);
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 1000);
          });
        }
      };
      const session = { backend: null as unknown, failure: null as string | null, tensors: [] as number[], runs: [] as unknown[], events: [] as string[] };
      try {
        if (request.prelude) await until(['prelude-ready']);
        worker.postMessage({ type: 'init', backend: request.backend, options: request.options });
        const started = await until(['backend', 'load-failed', 'error']);
        if (started.type !== 'backend') {
          session.failure = JSON.stringify(started);
          return session;
        }
        session.backend = started.backend;
        if (!request.runs.length) return session;
        const manifest = (await (await fetch('/models/vgg19/model.json')).json()) as { weightsManifest: Array<{ paths: string[] }> };
        const model: Record<string, Uint8Array> = { 'model.json': new Uint8Array(await (await fetch('/models/vgg19/model.json')).arrayBuffer()) };
        for (const p of manifest.weightsManifest.flatMap((g) => g.paths)) model[p] = new Uint8Array(await (await fetch(`/models/vgg19/${p}`)).arrayBuffer());
        worker.postMessage({ type: 'model', model });
        const loaded = await until(['loaded', 'load-failed']);
        if (loaded.type !== 'loaded') throw new Error(JSON.stringify(loaded));
        const memory = async () => {
          worker.postMessage({ type: 'memory' });
          session.tensors.push((await until(['memory'])).numTensors as number);
        };
        await memory();
        const image = (p: { width: number; height: number; data: number[] }) => ({ width: p.width, height: p.height, data: new Uint8ClampedArray(p.data) });
        for (const [i, settings] of request.runs.entries()) {
          worker.postMessage({ type: 'run', runId: i + 1, inputs: { content: image(request.content!), styles: [image(request.style!)] }, settings });
          const costs: unknown[] = [];
          for (;;) {
            const e = await until(['progress', 'done', 'failed', 'error']);
            if (e.type === 'progress') costs.push((e.progress as { costs: unknown }).costs);
            else if (e.type !== 'done') throw new Error(`run failed: ${JSON.stringify(e)}`);
            else {
              const outcome = e.outcome as { image: { width: number; height: number; data: Uint8ClampedArray }; iterations: number };
              const { width, height, data } = outcome.image;
              let [min, max] = [255, 0];
              for (let k = 0; k < data.length; k++) if (k % 4 !== 3) [min, max] = [Math.min(min, data[k]!), Math.max(max, data[k]!)];
              const pixels = request.pixelsBack === false ? [] : [...data];
              session.runs.push({ costs, iterations: outcome.iterations, range: max - min, image: { width, height, data: pixels } });
              break;
            }
          }
          await memory();
        }
        return session;
      } finally {
        session.events = events.map((e) => e.type);
        worker.terminate();
      }
    },
    { workerPath, request },
  ) as Promise<EngineSession>;
}

/** Mean absolute difference of two pictures of the same size, per channel value (0–255). */
export function meanDifference(a: Picture, b: Picture): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i + c]! - b.data[i + c]!);
    n += 3;
  }
  return sum / n;
}
