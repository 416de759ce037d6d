import * as tf from '@tensorflow/tfjs-core';
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName } from './protocol.js';
import type { WebglProbe, WebgpuProbe } from './backendChoice.js';
import { prepareWasmThreads, runningThreads, type ThreadLimit } from './wasmThreads.js';

/** Asks a throwaway WebGL 2 context which renderer it runs on (worker side: OffscreenCanvas). */
export function probeWebgl(): WebglProbe {
  if (typeof OffscreenCanvas === 'undefined') return { webgl2: false, renderer: null };
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return { webgl2: false, renderer: null };
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '') || null;
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { webgl2: true, renderer };
}

/** The parts of WebGPU the probe reads (TypeScript's DOM types do not have WebGPU yet). */
interface GpuAdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}

const SOFTWARE_ADAPTERS = /swiftshader|llvmpipe|lavapipe|software|basic render/i;

/**
 * Asks WebGPU for the adapter TensorFlow.js's backend will get (high-performance), and whether it is a
 * software fallback; null without navigator.gpu or an adapter.
 */
export async function probeWebgpu(): Promise<WebgpuProbe | null> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) return null;
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.device, info.description].filter((p) => p && p.trim()).join(' ').trim() || 'an unnamed GPU';
  const software = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true || SOFTWARE_ADAPTERS.test(name);
  return { adapter: name, software };
}

export interface StartedBackend {
  /** WebAssembly threads running (1 on the GPU backends). */
  threads: number;
  /** Why fewer wasm threads run than asked for, if so. */
  threadLimit: ThreadLimit;
}

/** Registers the WebGPU backend on first use: its code loads only when WebGPU is tried. */
async function registerWebgpu(): Promise<void> {
  await import('@tensorflow/tfjs-backend-webgpu');
}

/**
 * Makes `name` the active TensorFlow.js backend; on wasm with `threads` threads (see wasmThreads.ts for why
 * the threads need care in this worker). A backend that fails to start is removed again, so the next one
 * in the studio's order can start cleanly.
 */
export async function startBackend(name: BackendName, threads = 1): Promise<StartedBackend> {
  let threadLimit: ThreadLimit = null;
  if (name === 'wasm') {
    threadLimit = prepareWasmThreads(threads);
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
    });
  }
  if (name === 'webgpu') await registerWebgpu();
  const ok = await tf.setBackend(name).catch(() => false);
  if (!ok) {
    if (tf.findBackendFactory(name)) tf.removeBackend(name);
    throw new Error(`TensorFlow.js could not initialise its ${name} backend`);
  }
  await tf.ready();
  return { threads: name === 'wasm' ? runningThreads() : 1, threadLimit };
}

/**
 * Calls `onLost` once if the GPU backend loses its device (a driver reset, the GPU taken away, memory
 * exhausted): TensorFlow.js then fails or returns garbage, so the engine must stop and be replaced.
 */
export function watchContextLoss(onLost: (what: string) => void): void {
  const backend = tf.backend();
  if (backend instanceof MathBackendWebGL) {
    const canvas = backend.gpgpu.gl.canvas as EventTarget;
    canvas.addEventListener('webglcontextlost', (e) => {
      e.preventDefault();
      onLost('WebGL context lost');
    }, { once: true });
    return;
  }
  const device = (backend as unknown as { device?: { lost?: Promise<{ reason?: string }> } }).device;
  void device?.lost?.then((info) => {
    if (info.reason !== 'destroyed') onLost('WebGPU device lost');
  });
}
