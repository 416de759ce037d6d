import type { BackendName, BackendPreference, GpuTrial, GpuTrials } from './protocol.js';

/** What the worker found out about WebGL before choosing a backend. */
export interface WebglProbe {
  webgl2: boolean;
  /** The unmasked renderer (WEBGL_debug_renderer_info), or the masked one, or null when unknown. */
  renderer: string | null;
}

/** What the worker found out about WebGPU: null when there is no adapter (or no navigator.gpu). */
export interface WebgpuProbe {
  /** The adapter's name (vendor, architecture, device, description): shown, and the key of the cached trial. */
  adapter: string;
  /** A fallback adapter (SwiftShader, lavapipe): it runs on the CPU, slower than WebAssembly. */
  software: boolean;
}

export interface BackendChoice {
  name: BackendName;
  reason: string;
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render driver|lavapipe/i;

/** True when the "GPU" is a CPU rasteriser: WebGL through it is slower than WebAssembly. */
export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && SOFTWARE_RENDERERS.test(renderer);
}

/** A short, readable GPU name: "ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 …)" → "NVIDIA GeForce RTX 3060 …". */
export function gpuLabel(renderer: string | null): string {
  if (!renderer) return 'an unknown GPU';
  const angle = /^ANGLE \([^,]+,\s*([^,]+)/i.exec(renderer);
  return (angle ? angle[1]! : renderer)
    .replace(/\s*\(0x[0-9a-f]+\)/gi, '')
    .replace(/\s+(Direct3D|OpenGL|vs_\d).*$/i, '')
    .trim();
}

/** WebGL by default; WebAssembly when WebGL 2 is missing or only a software renderer provides it. */
export function chooseBackend(preference: BackendPreference, probe: WebglProbe): BackendChoice {
  if (preference === 'wasm') return { name: 'wasm', reason: 'chosen in settings' };
  if (!probe.webgl2) return { name: 'wasm', reason: 'WebGL 2 is not available here' };
  if (preference === 'webgl') return { name: 'webgl', reason: `chosen in settings (${gpuLabel(probe.renderer)})` };
  const software = probe.renderer?.match(SOFTWARE_RENDERERS)?.[0];
  if (software) return { name: 'wasm', reason: `the only GPU is a software renderer (${software}), slower than WebAssembly` };
  return { name: 'webgl', reason: `running on ${gpuLabel(probe.renderer)}` };
}

/** Where to start: backends to try in order (the first that starts runs; the last is always wasm). */
export interface BackendPlan {
  chain: BackendChoice[];
  /**
   * The adapter name when WebGPU and WebGL both run on a hardware GPU and no trial is cached for it: the
   * worker then measures the real step on both before starting (see gpuTrial.ts); `chain` is the order to
   * use if it cannot.
   */
  trial: string | null;
}

const WASM_FALLBACK: BackendChoice = { name: 'wasm', reason: 'the GPU backends could not start' };

const ms = (t: number | null) => (t === null ? 'failed' : `${t.toFixed(0)} ms`);

/** The order a finished trial gives. */
function trialChain(t: GpuTrial): BackendChoice[] {
  if (t.winner === 'webgpu') {
    const reason = `measured faster than WebGL on ${t.adapter}: ${ms(t.webgpuMs)} vs ${ms(t.webglMs)} per step`;
    return [{ name: 'webgpu', reason }, { name: 'webgl', reason: `WebGPU could not start on ${t.adapter}` }, WASM_FALLBACK];
  }
  const reason = t.webgpuMs === null ? `WebGPU failed its start-up trial on ${t.adapter}` : `measured faster than WebGPU on ${t.adapter}: ${ms(t.webglMs)} vs ${ms(t.webgpuMs)} per step`;
  return [{ name: 'webgl', reason }, WASM_FALLBACK];
}

/** Automatic choice between WebGL and wasm, for when WebGPU is out of the running. */
function glOrWasm(webgl: WebglProbe, why = ''): BackendChoice[] {
  const choice = chooseBackend('auto', webgl);
  const first = { ...choice, reason: why + choice.reason };
  return choice.name === 'webgl' ? [first, WASM_FALLBACK] : [first];
}

/**
 * The studio's order WebGPU → WebGL → wasm. Automatic: WebGPU only on a hardware adapter, and only when the
 * start-up trial on this adapter found it faster than WebGL (or WebGL only has a software renderer); WebGL on
 * a hardware GPU; wasm otherwise. An explicit choice is tried first and falls back along the same order.
 */
export function planBackends(preference: BackendPreference, webgl: WebglProbe, webgpu: WebgpuProbe | null, trials: GpuTrials = {}): BackendPlan {
  if (preference === 'wasm' || preference === 'webgl') {
    const choice = chooseBackend(preference, webgl);
    return { chain: choice.name === 'webgl' ? [choice, WASM_FALLBACK] : [choice], trial: null };
  }
  if (preference === 'webgpu') {
    if (!webgpu) return { chain: glOrWasm(webgl, 'WebGPU is not available here; '), trial: null };
    return { chain: [{ name: 'webgpu', reason: `chosen in settings (${webgpu.adapter})` }, ...glOrWasm(webgl, 'WebGPU could not start; ')], trial: null };
  }
  if (!webgpu) return { chain: glOrWasm(webgl), trial: null };
  if (webgpu.software) return { chain: glOrWasm(webgl, `the WebGPU adapter is a software fallback (${webgpu.adapter}); `), trial: null };
  const hardwareGl = webgl.webgl2 && !isSoftwareRenderer(webgl.renderer);
  if (!hardwareGl) return { chain: [{ name: 'webgpu', reason: `running on ${webgpu.adapter} (WebGL has no hardware GPU here)` }, ...glOrWasm(webgl, 'WebGPU could not start; ')], trial: null };
  const cached = trials[webgpu.adapter];
  if (cached) return { chain: trialChain(cached), trial: null };
  return { chain: glOrWasm(webgl), trial: webgpu.adapter };
}

/** The winner of a trial: WebGPU only when it ran and was faster. */
export function trialWinner(adapter: string, webgpuMs: number | null, webglMs: number | null): GpuTrial {
  const webgpuWins = webgpuMs !== null && (webglMs === null || webgpuMs < webglMs);
  return { adapter, webgpuMs, webglMs, winner: webgpuWins ? 'webgpu' : 'webgl' };
}

/** The trials the studio keeps, read back from storage: anything malformed is dropped (and so measured again). */
export function restoreGpuTrials(raw: unknown): GpuTrials {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);
  const out: GpuTrials = {};
  for (const [adapter, t] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof t !== 'object' || t === null || adapter === '__proto__') continue;
    const trial = t as Record<string, unknown>;
    if (trial.winner !== 'webgpu' && trial.winner !== 'webgl') continue;
    out[adapter] = trialWinner(adapter, time(trial.webgpuMs), time(trial.webglMs));
  }
  return out;
}
