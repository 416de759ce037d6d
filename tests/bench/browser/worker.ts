/**
 * The benchmark's browser case: runs in a dedicated Web Worker in Chromium (as the studio's engine worker
 * does), on the wasm backend with the requested thread count set up exactly as the studio's worker does it
 * (renderer/engine/wasmThreads.ts), or on WebGL or WebGPU (`--gpu`), and posts the per-iteration times back.
 * Bundled by tests/bench/browserCase.ts; the page is cross-origin isolated, so threads are available.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { StyleTransferRun, VggNetwork, loadVggWeights, type RgbaImage, type WeightsSource } from '../../../app/index.js';
import { prepareWasmThreads, runningThreads } from '../../../renderer/engine/wasmThreads.js';

export type BrowserBackend = 'wasm' | 'webgl' | 'webgpu';

export interface BrowserRequest {
  size: number;
  warmup: number;
  iterations: number;
  /** wasm threads asked for (the studio's "CPU threads" setting). */
  threads: number;
  backend?: BrowserBackend;
}

export interface BrowserResult {
  backend?: BrowserBackend;
  /** The GPU it ran on (WebGL's unmasked renderer, the WebGPU adapter); null on wasm. */
  gpu?: string | null;
  /** wasm threads actually running (the thread pool's size). */
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

/** The GPU the active backend runs on, for the benchmark's row. */
async function gpuName(backend: BrowserBackend): Promise<string | null> {
  if (backend === 'webgl') {
    const gl = (tf.backend() as MathBackendWebGL).gpgpu.gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  }
  if (backend === 'webgpu') {
    type Info = { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
    const gpu = (navigator as unknown as { gpu: { requestAdapter(o: object): Promise<{ info?: Info; isFallbackAdapter?: boolean } | null> } }).gpu;
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    const i = adapter?.info ?? {};
    const name = [i.vendor, i.architecture, i.device, i.description].filter(Boolean).join(' ');
    return `${name}${adapter?.isFallbackAdapter || i.isFallbackAdapter ? ' (fallback adapter)' : ''}`;
  }
  return null;
}

async function run(req: BrowserRequest): Promise<BrowserResult> {
  const hardwareConcurrency = navigator.hardwareConcurrency;
  const backend = req.backend ?? 'wasm';
  if (backend === 'wasm') {
    setWasmPaths('/wasm/');
    prepareWasmThreads(req.threads);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`the ${backend} backend could not start`);
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
  const wasm = (tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } }).wasm;
  const scale = run.schedule[0]!;
  return {
    backend,
    gpu: await gpuName(backend),
    threads: backend === 'wasm' ? runningThreads() : 1,
    crossOriginIsolated: scope.crossOriginIsolated === true,
    multithreadSupport: (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean,
    simdSupport: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean,
    width: scale.width,
    height: scale.height,
    times,
    wasmHeapMiB: wasm ? wasm.HEAPU8.byteLength / 2 ** 20 : 0,
    hardwareConcurrency,
  };
}

scope.onmessage = (e) => {
  run(e.data).then(
    (result) => scope.postMessage({ ok: true, result }),
    (err: unknown) => scope.postMessage({ ok: false, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) }),
  );
};
