import { DEFAULT_SETTINGS, VGG19_CONV_LAYERS, chooseLayers, fitLongestSide, passPixelLimit, reluName, scaleSchedule } from '../../app/index.js';
import type { BackendName } from '../engine/protocol.js';

/**
 * Assumed seconds per output pixel per iteration. An iteration (VGG19 forward to conv4_1 and back) costs about
 * 1.5 MFLOP per pixel; WebAssembly convolutions reach about 31 GFLOP/s (docs/benchmarks.md), plus the Gram
 * matrices and tile halos; WebGL on a mid-range GPU is some 25 times faster. Rough on purpose: "minutes" or
 * "hours" is what the user needs to know.
 */
export const SECONDS_PER_PIXEL_ITERATION: Record<BackendName, number> = { wasm: 5e-5, webgl: 2e-6, webgpu: 2e-6 };

/** Above this many estimated seconds a run is worth a warning even when it needs no tiles. */
const LONG_RUN_SECONDS = 30 * 60;

export interface LargeSizeQuestion {
  /** Longest side asked for, px. */
  size: number;
  /** The photo's pixel size (for the aspect ratio). */
  photoWidth: number;
  photoHeight: number;
  iterations: number;
  /** The backend in use; null while it starts (WebAssembly assumed, the slower one). */
  backend: BackendName | null;
  maxPassPixels?: number;
}

/** Output pixels times iterations over the coarse-to-fine schedule. */
export function pixelIterations(photoWidth: number, photoHeight: number, size: number, iterations: number): number {
  return scaleSchedule(photoWidth, photoHeight, size, iterations).reduce((sum, s) => sum + s.width * s.height * s.iterations, 0);
}

/** "about 40 seconds", "about 12 minutes", "about 3.5 hours". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(10, Math.round(seconds / 10) * 10)} seconds`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} minutes`;
  const hours = seconds / 3600;
  return `about ${hours < 10 ? Math.round(hours * 2) / 2 : Math.round(hours)} hours`;
}

/** The warning to show before a size that needs tiles or takes long on this backend; null when it is ordinary. */
export function largeSizeWarning(q: LargeSizeQuestion): string | null {
  const { width, height } = fitLongestSide(q.photoWidth, q.photoHeight, q.size);
  // The engine's own rule (StyleTransferRun): what the backend holds in one pass, at most the setting.
  const layers = chooseLayers(VGG19_CONV_LAYERS.map(reluName));
  const held = passPixelLimit({ backend: q.backend ?? 'wasm' }, [...layers.content, ...layers.style], width * height);
  const maxPass = Math.min(q.maxPassPixels ?? DEFAULT_SETTINGS.maxPassPixels, held);
  const tiled = width * height > maxPass;
  const backend = q.backend ?? 'wasm';
  const seconds = pixelIterations(q.photoWidth, q.photoHeight, q.size, q.iterations) * SECONDS_PER_PIXEL_ITERATION[backend];
  if (!tiled && seconds < LONG_RUN_SECONDS) return null;
  const where = { wasm: 'on WebAssembly (CPU)', webgl: 'on WebGL (GPU)', webgpu: 'on WebGPU (GPU)' }[backend];
  const tile = Math.round(Math.sqrt(maxPass));
  const parts = [
    tiled
      ? `${width} × ${height} px is more than one pass of the network holds, so the largest scales are processed in overlapping tiles of ${tile} px.`
      : `${width} × ${height} px is a large picture for this device.`,
    `With ${q.iterations} iterations ${where} expect ${formatDuration(seconds)}.`,
  ];
  if (backend === 'wasm') parts.push('The studio stays usable meanwhile, and Stop keeps the picture so far.');
  return parts.join(' ');
}
