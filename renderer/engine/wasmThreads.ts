import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

/** Why the engine runs fewer threads than asked, or null when it runs them all. */
export type ThreadLimit = 'not-isolated' | null;

interface WorkerLike {
  crossOriginIsolated?: boolean;
  navigator: { hardwareConcurrency: number };
}

/**
 * Prepares tfjs-backend-wasm (4.22) to run `threads` threads; call before tf.setBackend('wasm'), in the
 * engine worker. Three things kept the studio on one thread before:
 * - One thread uses the single-threaded SIMD build: the threaded build starts its eight pthread workers up
 *   front, which would sit idle.
 * - Threads need SharedArrayBuffer, so a cross-origin isolated page (COOP/COEP: the Electron protocol and the
 *   web build's servers send them). Without it the threaded build cannot load; one thread runs.
 * - The backend's C++ (`init_with_threads_count`) caps the pool at navigator.hardwareConcurrency / 2, read
 *   once when the module starts (it assumes two hardware threads per core), so on a 2-core machine any
 *   request gave one thread. This worker reports 2 × `threads` logical cores to it; nothing else in the
 *   worker reads the value. The thread count itself is the user's setting, capped by the real cores.
 * The worker script of the threaded build is a blob: URL that the backend makes itself (its `locateFile`),
 * and it loads from a module worker as well as a classic one (measured in Chromium).
 */
export function prepareWasmThreads(threads: number, scope: WorkerLike = globalThis as unknown as WorkerLike): ThreadLimit {
  const isolated = scope.crossOriginIsolated === true;
  const threaded = threads > 1 && isolated;
  if (!threaded) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    return threads > 1 ? 'not-isolated' : null;
  }
  setThreadsCount(threads);
  const reported = 2 * threads;
  if (scope.navigator.hardwareConcurrency < reported) {
    Object.defineProperty(scope.navigator, 'hardwareConcurrency', { value: reported, configurable: true });
  }
  return null;
}

/** The threads the started wasm backend really runs (its thread pool's size). */
export function runningThreads(): number {
  return Math.max(1, getThreadsCount());
}
