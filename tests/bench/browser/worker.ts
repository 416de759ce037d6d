/**
 * The benchmark's browser case: runs in a dedicated Web Worker in Chromium (as the studio's engine worker
 * does), on the wasm backend with the requested thread count, and posts the per-iteration times back.
 * Bundled by tests/bench/browserCase.ts; the page is cross-origin isolated, so threads are available.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { StyleTransferRun, VggNetwork, loadVggWeights, type RgbaImage, type WeightsSource } from '../../../app/index.js';

export interface BrowserRequest {
  size: number;
  warmup: number;
  iterations: number;
  threads: number;
  /**
   * tfjs-backend-wasm caps its thread pool at navigator.hardwareConcurrency / 2 (it assumes two hardware
   * threads per core), so a 2-core machine always gets 1 thread. For measuring only, this reports
   * 2 × threads logical cores to it inside the benchmark worker. The app must not do this.
   */
  overrideConcurrency: boolean;
}

export interface BrowserResult {
  threads: number;
  crossOriginIsolated: boolean;
  /** TensorFlow.js's own detection, for when threads were asked for but not given. */
  multithreadSupport: boolean;
  simdSupport: boolean;
  width: number;
  height: number;
  times: number[];
  wasmHeapMiB: number;
  hardwareConcurrency: number;
}

type Reply = { ok: true; result: BrowserResult } | { ok: false; error: string };

const scope = globalThis as unknown as {
  postMessage(message: Reply): void;
  onmessage: ((e: MessageEvent<BrowserRequest>) => void) | null;
  crossOriginIsolated?: boolean;
};

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The runner serves each image as raw RGBA next to a JSON with its size. */
async function fetchImage(name: string): Promise<RgbaImage> {
  const { width, height } = JSON.parse(new TextDecoder().decode(await fetchBytes(`/inputs/${name}.json`))) as { width: number; height: number };
  return { width, height, data: await fetchBytes(`/inputs/${name}.rgba`) };
}

async function run(req: BrowserRequest): Promise<BrowserResult> {
  const hardwareConcurrency = navigator.hardwareConcurrency;
  if (req.overrideConcurrency) Object.defineProperty(navigator, 'hardwareConcurrency', { value: 2 * req.threads, configurable: true });
  setWasmPaths('/wasm/');
  setThreadsCount(req.threads);
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend could not start');
  await tf.ready();
  const source: WeightsSource = { location: '/models/vgg19/', readBytes: (p) => fetchBytes(`/models/vgg19/${p}`) };
  const network = VggNetwork.fromWeights(await loadVggWeights(source));
  const content = await fetchImage('content');
  const style = await fetchImage('style');
  const total = req.warmup + req.iterations;
  const run = new StyleTransferRun(network, { content, styles: [style] }, { size: req.size, startSize: req.size, iterations: total, previewSeconds: 1e9, seed: 1 });
  const elapsed: number[] = [];
  run.on('progress', (p) => elapsed.push(p.elapsedSeconds * 1000));
  await run.start();
  network.dispose();
  const times = elapsed.map((t, i) => t - (elapsed[i - 1] ?? NaN)).slice(Math.max(1, req.warmup));
  const wasm = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm;
  const scale = run.schedule[0]!;
  return {
    threads: getThreadsCount(),
    crossOriginIsolated: scope.crossOriginIsolated === true,
    multithreadSupport: (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean,
    simdSupport: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean,
    width: scale.width,
    height: scale.height,
    times,
    wasmHeapMiB: wasm.HEAPU8.byteLength / 2 ** 20,
    hardwareConcurrency,
  };
}

scope.onmessage = (e) => {
  run(e.data).then(
    (result) => scope.postMessage({ ok: true, result }),
    (err: unknown) => scope.postMessage({ ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) }),
  );
};
