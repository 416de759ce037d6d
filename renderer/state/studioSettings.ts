import { COLOUR_MODES, DEFAULT_SETTINGS, EDGE_PADDINGS, OPTIMIZERS, type ColourMode, type EdgePadding, type OptimizerName, type Pooling, type StyleSettings } from '../../app/index.js';
import type { AppSettings, ExportFormat } from '../../app/host/contract.js';
import type { BackendPreference, GpuTrials } from '../engine/protocol.js';
import { restoreGpuTrials } from '../engine/backendChoice.js';
import { MAX_WASM_THREADS } from '../engine/threadCount.js';

export type QualityPreset = 'draft' | 'standard' | 'fine' | 'custom';
export type InitChoice = 'content' | 'noise';
/** Export at the working size (1) or through extra fine scales (√2: one scale, 2: two). */
export type UpscaleFactor = 1 | 1.41 | 2;

/** Everything the studio remembers between sessions. */
export interface StudioSettings {
  size: number;
  quality: QualityPreset;
  iterations: number;
  styleStrength: number;
  contentWeight: number;
  smoothness: number;
  init: InitChoice;
  seed: number;
  colour: ColourMode;
  /** Size of the style's brush strokes relative to the output (0.25–4). */
  styleScale: number;
  optimizer: OptimizerName;
  pooling: Pooling;
  /** What the network sees past the picture's edge: zeros, or the edge pixels repeated. */
  edgePadding: EdgePadding;
  backend: BackendPreference;
  /** WebAssembly threads; 0 = automatic (cores − 1, at least 1). */
  threads: number;
  /** The start-up WebGPU/WebGL measurements, by GPU adapter name (the engine measures each GPU once). */
  gpuTrials: GpuTrials;
  exportFormat: ExportFormat;
  /** JPEG and WebP quality, 0.5–1. */
  exportQuality: number;
  exportUpscale: UpscaleFactor;
  /** Weight of each style layer of the model, in order; empty: equal (the engine's default). */
  styleLayerWeights: number[];
}

export const QUALITY_ITERATIONS: Record<Exclude<QualityPreset, 'custom'>, number> = { draft: 200, standard: 500, fine: 1000 };

export const SIZE_LIMITS = { min: 64, max: 4096 };
export const ITERATION_LIMITS = { min: 1, max: 5000 };
export const WEIGHT_LIMITS = { min: 0, max: 5 };
export const STYLE_SCALE_LIMITS = { min: 0.25, max: 4 };
export const LAYER_WEIGHT_LIMITS = { min: 0, max: 4 };

export const DEFAULT_STUDIO_SETTINGS: StudioSettings = {
  size: DEFAULT_SETTINGS.size,
  quality: 'standard',
  iterations: QUALITY_ITERATIONS.standard,
  styleStrength: DEFAULT_SETTINGS.styleStrength,
  contentWeight: DEFAULT_SETTINGS.contentWeight,
  smoothness: DEFAULT_SETTINGS.smoothness,
  init: 'content',
  seed: DEFAULT_SETTINGS.seed,
  colour: DEFAULT_SETTINGS.colour,
  styleScale: DEFAULT_SETTINGS.styleScale,
  optimizer: DEFAULT_SETTINGS.optimizer,
  pooling: DEFAULT_SETTINGS.pooling,
  edgePadding: DEFAULT_SETTINGS.edgePadding,
  backend: 'auto',
  threads: 0,
  gpuTrials: {},
  exportFormat: 'png',
  exportQuality: 0.92,
  exportUpscale: 1,
  styleLayerWeights: [],
};

/** The key under which the studio keeps its settings in the host's settings record. */
export const SETTINGS_KEY = 'studio';

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function numberIn(raw: unknown, fallback: number, lo: number, hi: number, whole = false): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return fallback;
  return clamp(whole ? Math.round(raw) : raw, lo, hi);
}

function oneOf<T>(raw: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(raw as T) ? (raw as T) : fallback;
}

/** Stored per-layer style weights: up to 16 numbers in range, not all 0; anything else means equal. */
function layerWeightsIn(raw: unknown): number[] {
  if (!Array.isArray(raw) || raw.length > 16) return [];
  const ok = raw.every((w) => typeof w === 'number' && w >= LAYER_WEIGHT_LIMITS.min && w <= LAYER_WEIGHT_LIMITS.max);
  return ok && raw.some((w) => w > 0) ? [...(raw as number[])] : [];
}

/** Settings from storage, each field checked; anything missing or invalid takes its default. */
export function restoreSettings(stored: AppSettings): StudioSettings {
  const raw = (stored[SETTINGS_KEY] ?? {}) as Record<string, unknown>;
  const d = DEFAULT_STUDIO_SETTINGS;
  return {
    size: numberIn(raw.size, d.size, SIZE_LIMITS.min, SIZE_LIMITS.max, true),
    quality: oneOf(raw.quality, ['draft', 'standard', 'fine', 'custom'] as const, d.quality),
    iterations: numberIn(raw.iterations, d.iterations, ITERATION_LIMITS.min, ITERATION_LIMITS.max, true),
    styleStrength: numberIn(raw.styleStrength, d.styleStrength, WEIGHT_LIMITS.min, WEIGHT_LIMITS.max),
    contentWeight: numberIn(raw.contentWeight, d.contentWeight, WEIGHT_LIMITS.min, WEIGHT_LIMITS.max),
    smoothness: numberIn(raw.smoothness, d.smoothness, WEIGHT_LIMITS.min, WEIGHT_LIMITS.max),
    init: oneOf(raw.init, ['content', 'noise'] as const, d.init),
    seed: numberIn(raw.seed, d.seed, 0, 2 ** 31 - 1, true),
    colour: oneOf(raw.colour, COLOUR_MODES, d.colour),
    styleScale: numberIn(raw.styleScale, d.styleScale, STYLE_SCALE_LIMITS.min, STYLE_SCALE_LIMITS.max),
    optimizer: oneOf(raw.optimizer, OPTIMIZERS, d.optimizer),
    pooling: oneOf(raw.pooling, ['max', 'avg'] as const, d.pooling),
    edgePadding: oneOf(raw.edgePadding, EDGE_PADDINGS, d.edgePadding),
    backend: oneOf(raw.backend, ['auto', 'webgpu', 'webgl', 'wasm'] as const, d.backend),
    threads: numberIn(raw.threads, d.threads, 0, MAX_WASM_THREADS, true),
    gpuTrials: restoreGpuTrials(raw.gpuTrials),
    exportFormat: oneOf(raw.exportFormat, ['png', 'jpeg', 'webp'] as const, d.exportFormat),
    exportQuality: numberIn(raw.exportQuality, d.exportQuality, 0.5, 1),
    exportUpscale: oneOf(raw.exportUpscale, [1, 1.41, 2] as const, d.exportUpscale),
    styleLayerWeights: layerWeightsIn(raw.styleLayerWeights),
  };
}

/** The host's settings record with the studio's part replaced (other keys, e.g. window size, kept). */
export function storeSettings(stored: AppSettings, settings: StudioSettings): AppSettings {
  return { ...stored, [SETTINGS_KEY]: { ...settings } };
}

/** The engine's settings for a run at the working size. */
export function engineSettings(s: StudioSettings): StyleSettings {
  return {
    ...DEFAULT_SETTINGS,
    size: s.size,
    iterations: s.iterations,
    styleStrength: s.styleStrength,
    contentWeight: s.contentWeight,
    smoothness: s.smoothness,
    init: s.init,
    seed: s.seed,
    colour: s.colour,
    styleScale: s.styleScale,
    optimizer: s.optimizer,
    pooling: s.pooling,
    edgePadding: s.edgePadding,
    ...(s.styleLayerWeights.length > 0 ? { styleLayerWeights: [...s.styleLayerWeights] } : {}),
  };
}

/** A fresh random seed for the dice button. */
export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 1_000_000);
}

/** The preset an iteration count corresponds to ('custom' when none). */
export function presetFor(iterations: number): QualityPreset {
  const match = (Object.entries(QUALITY_ITERATIONS) as Array<[Exclude<QualityPreset, 'custom'>, number]>).find(([, n]) => n === iterations);
  return match ? match[0] : 'custom';
}

/** A typed-in number made valid: clamped to [min, max] and rounded to whole numbers; null when unreadable. */
export function cleanNumber(raw: string, min: number, max: number): number | null {
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(n)) return null;
  return Math.min(max, Math.max(min, Math.round(n)));
}
