import type { BackendName, BackendPreference } from './protocol.js';

/** What the worker found out about WebGL before choosing a backend. */
export interface WebglProbe {
  webgl2: boolean;
  /** The unmasked renderer (WEBGL_debug_renderer_info), or the masked one, or null when unknown. */
  renderer: string | null;
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
