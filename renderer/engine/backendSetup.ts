import * as tf from '@tensorflow/tfjs-core';
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName } from './protocol.js';
import type { WebglProbe } from './backendChoice.js';

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

/**
 * Makes `name` the active TensorFlow.js backend. The wasm backend runs its SIMD build single-threaded:
 * its threaded build spawns its threads through the page's main thread, which cannot work from inside
 * this worker (measured in Chromium: the thread pool stays at one thread), so it would only start idle
 * workers.
 */
export async function startBackend(name: BackendName): Promise<void> {
  if (name === 'wasm') {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
    });
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`TensorFlow.js could not initialise its ${name} backend`);
  await tf.ready();
}

/**
 * Calls `onLost` once if the WebGL backend loses its context (a driver reset, the GPU taken away, memory
 * exhausted): TensorFlow.js then fails or returns garbage, so the engine must stop and be replaced.
 */
export function watchContextLoss(onLost: () => void): void {
  const backend = tf.backend();
  if (!(backend instanceof MathBackendWebGL)) return;
  const canvas = backend.gpgpu.gl.canvas as EventTarget;
  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    onLost();
  }, { once: true });
}
