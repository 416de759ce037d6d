import type { VggWeights } from '../../app/index.js';
import { planBackends, type WebglProbe } from './backendChoice.js';
import { probeWebgl, probeWebgpu, startBackend } from './backendSetup.js';
import { runGpuTrial } from './gpuTrial.js';
import type { BackendInfo, BackendOptions, BackendPreference, GpuTrial } from './protocol.js';
import { resolveThreads } from './threadCount.js';

export interface BackendStartHooks {
  /** The weights, once the studio has sent them: the WebGPU/WebGL trial runs the real step on them. */
  weights(): Promise<VggWeights>;
  /** A trial finished: the studio keeps it in the settings. */
  trialed(trial: GpuTrial): void;
}

const NO_WEBGL: WebglProbe = { webgl2: false, renderer: null };

/**
 * Chooses and starts the engine's backend in the worker: probes what this device has (WebGL only when a
 * GPU backend may be chosen: on a software renderer that probe costs seconds), plans the order WebGPU →
 * WebGL → wasm, measures WebGPU against WebGL once per adapter when both run on hardware, and starts the
 * first backend of the order that starts. Throws the last error when none does.
 */
export async function startEngineBackend(preference: BackendPreference, options: BackendOptions, hooks: BackendStartHooks): Promise<BackendInfo> {
  const webgl = preference === 'wasm' ? NO_WEBGL : probeWebgl();
  const webgpu = preference === 'auto' || preference === 'webgpu' ? await probeWebgpu() : null;
  let plan = planBackends(preference, webgl, webgpu, options.trials);
  if (plan.trial) {
    const trial = await runGpuTrial(plan.trial, await hooks.weights());
    hooks.trialed(trial);
    plan = planBackends(preference, webgl, webgpu, { ...options.trials, [trial.adapter]: trial });
  }
  const threads = resolveThreads(options.threads, navigator.hardwareConcurrency);
  let lastError: unknown = new Error('no backend to start');
  for (const choice of plan.chain) {
    try {
      const started = await startBackend(choice.name, threads);
      const gpu = choice.name === 'webgpu' ? (webgpu?.adapter ?? null) : webgl.renderer;
      const limit = started.threadLimit === 'not-isolated' ? '; one thread, as the page is not cross-origin isolated' : '';
      return { name: choice.name, reason: choice.reason + limit, gpu, threads: started.threads };
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}
