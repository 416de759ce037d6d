import type { Costs, LayerChoice, MaskImage, Progress, RgbaImage, RunState, StyleSettings } from '../../app/index.js';
import type { ModelFiles } from '../../app/host/contract.js';
import type { InspectionRequest, LayerInspection } from '../../app/inspect/layerInspection.js';

/**
 * The messages between the studio (UI thread) and the engine worker. Everything here is structured-clone
 * safe; pixel buffers travel as transferables.
 */

/** What the user asked for in settings. */
export type BackendPreference = 'auto' | 'webgpu' | 'webgl' | 'wasm';

/** What actually runs. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm';

/**
 * The start-up measurement of WebGPU against WebGL on one GPU (the real step at a small size), kept in the
 * settings by adapter name so that it runs once per device.
 */
export interface GpuTrial {
  adapter: string;
  /** Median ms per step; null when WebGPU failed during the trial. */
  webgpuMs: number | null;
  webglMs: number | null;
  winner: 'webgpu' | 'webgl';
}

/** Remembered trials, by adapter name. */
export type GpuTrials = Record<string, GpuTrial>;

/** How the engine should start, besides the backend: the wasm thread count and the cached GPU trials. */
export interface BackendOptions {
  /** WebAssembly threads; 0 = automatic (cores − 1, at least 1). */
  threads: number;
  trials: GpuTrials;
}

export interface BackendInfo {
  name: BackendName;
  /** Why this backend, as a sentence fragment for the UI, e.g. "the GPU is a software renderer". */
  reason: string;
  /** The GPU's unmasked renderer string, when WebGL reports it (the WebGPU adapter's name on WebGPU). */
  gpu: string | null;
  /** WebAssembly threads actually running (1 on the GPU backends). */
  threads?: number;
}

export interface EngineInputs {
  content: RgbaImage;
  styles: RgbaImage[];
  initImage?: RgbaImage;
  /** Painted over the content: where on, the photo is kept (one byte per pixel, transferred). */
  keepMask?: MaskImage;
  /** One region per style image, when the user painted style regions. */
  styleMasks?: MaskImage[];
}

export type EngineRequest =
  /** Choose and start a backend (first message; it can run while the host is still reading the weights). */
  | { type: 'init'; backend: BackendPreference; options?: BackendOptions }
  /** The VGG19 weights; the engine is ready once they are read. */
  | { type: 'model'; model: ModelFiles }
  | { type: 'run'; runId: number; inputs: EngineInputs; settings: StyleSettings }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  /** Asks for tf.memory() (answered with a 'memory' event): the log and the leak checks read it. */
  | { type: 'memory' }
  /** The layer inspector: one layer's maps, patches and Gram matrices (answered between run iterations). */
  | { type: 'inspect'; requestId: number; request: InspectionRequest };

/** Why something failed, in words an artist can act on. */
export type FailureKind = 'memory' | 'context-lost' | 'model' | 'backend' | 'unknown';

export interface EngineFailure {
  kind: FailureKind;
  /** A complete sentence for the UI. */
  message: string;
  /** The underlying error text, for "copy details". */
  detail: string;
}

export interface RunOutcome {
  image: RgbaImage;
  costs: Costs;
  iterations: number;
  seconds: number;
  stopped: boolean;
}

export type EngineEvent =
  | { type: 'backend'; backend: BackendInfo }
  /** WebGPU and WebGL were measured on this GPU at start-up; the studio remembers the result. */
  | { type: 'trial'; trial: GpuTrial }
  | { type: 'memory'; numTensors: number; numBytes: number }
  | { type: 'loaded'; layers: LayerChoice; available: string[] }
  | { type: 'load-failed'; failure: EngineFailure }
  | { type: 'state'; runId: number; state: RunState }
  | { type: 'progress'; runId: number; progress: Progress }
  | { type: 'preview'; runId: number; image: RgbaImage; iteration: number; scaleIndex: number }
  | { type: 'done'; runId: number; outcome: RunOutcome }
  | { type: 'failed'; runId: number; failure: EngineFailure; lastImage: RgbaImage | null }
  | { type: 'inspection'; requestId: number; inspection: LayerInspection; seconds: number }
  | { type: 'inspect-failed'; requestId: number; message: string };

/** The distinct buffers behind some typed arrays, for a postMessage transfer list. */
export function buffersOf(arrays: Iterable<ArrayBufferView>): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) seen.add(a.buffer);
  return [...seen];
}

/** A copy of an image that owns its own buffer, safe to transfer. */
export function detachedCopy(image: RgbaImage): RgbaImage {
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) };
}
