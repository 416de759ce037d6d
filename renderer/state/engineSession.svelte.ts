import type { LayerChoice, RgbaImage, RunState as EngineRunState, StyleSettings } from '../../app/index.js';
import type { ModelFiles } from '../../app/host/contract.js';
import { EngineClient } from '../engine/engineClient.js';
import type { BackendInfo, BackendOptions, BackendPreference, EngineEvent, GpuTrial, EngineFailure, EngineInputs, RunOutcome } from '../engine/protocol.js';
import { RunState, type RunPurpose } from './runState.svelte.js';
import type { InspectionRequest } from '../../app/inspect/layerInspection.js';
import type { ReluName } from '../../app/index.js';

/** The worker's answers to the layer inspector. */
export type InspectionEvent = Extract<EngineEvent, { type: 'inspection' | 'inspect-failed' }>;

/** 'starting': the backend and weights are being prepared; 'ready': runs can start. */
export type EnginePhase = 'off' | 'starting' | 'ready' | 'failed';

export interface EngineHooks {
  /** A run was handed to the worker. */
  started?(purpose: RunPurpose, inputs: EngineInputs, settings: StyleSettings): void;
  /** A run finished or was stopped; the outcome's image is the run's result. */
  finished(purpose: RunPurpose, outcome: RunOutcome): void;
  /** A run failed (run.failure says why; run.result keeps the last good image). */
  failed(purpose: RunPurpose, failure: EngineFailure): void;
  /** The engine could not start. */
  loadFailed(failure: EngineFailure): void;
  /** The wasm thread count and the cached GPU trials to start the engine with. */
  backendOptions?(): BackendOptions;
  /** The engine measured WebGPU against WebGL on this GPU (to remember in the settings). */
  trialed?(trial: GpuTrial): void;
}

const ENGINE_STATES: Partial<Record<EngineRunState, 'running' | 'paused' | 'stopping'>> = {
  running: 'running',
  paused: 'paused',
  stopping: 'stopping',
};

/**
 * The engine worker as the UI sees it: which backend and layers it runs, whether it is ready, and the
 * current run. A failure that may have broken the GPU context replaces the worker with a fresh one.
 */
export class EngineSession {
  phase = $state<EnginePhase>('off');
  backend = $state.raw<BackendInfo | null>(null);
  layers = $state.raw<LayerChoice | null>(null);
  failure = $state.raw<EngineFailure | null>(null);
  readonly run = new RunState();
  /** Every layer the loaded model has, in network order (the layer inspector's list). */
  available = $state.raw<ReluName[]>([]);
  /** Where the worker's inspector answers go (the layer inspector sets it). */
  onInspection: ((e: InspectionEvent) => void) | null = null;
  private client: EngineClient | null = null;

  constructor(private readonly hooks: EngineHooks) {}

  /** Starts a fresh worker on a backend; it is ready once loadModel() has handed it the weights. */
  boot(backend: BackendPreference): void {
    this.client?.dispose();
    this.phase = 'starting';
    this.failure = null;
    this.backend = null;
    this.layers = null;
    const client = new EngineClient((e) => {
      if (client === this.client) this.onEvent(e);
    });
    this.client = client;
    client.init(backend, this.hooks.backendOptions?.());
  }

  /** Hands the weights to the worker (transferred: the caller's copies become empty). */
  loadModel(model: ModelFiles): void {
    if (!this.client) return;
    this.phase = 'starting';
    this.client.loadModel(model);
  }

  /** Marks the engine as unable to run because the host could not read the weights (the worker stays, for a retry). */
  fail(failure: EngineFailure): void {
    this.phase = 'failed';
    this.failure = failure;
  }

  start(purpose: RunPurpose, inputs: EngineInputs, settings: StyleSettings, firstFrame: RgbaImage | null): void {
    if (!this.client || this.phase !== 'ready') return;
    const id = this.run.begin(purpose, firstFrame);
    if (purpose === 'render') {
      this.run.settings = settings;
      this.run.endedEarly = false;
    }
    this.hooks.started?.(purpose, inputs, settings);
    this.client.run(id, inputs, settings);
  }

  pause(): void {
    this.request('pause', () => this.client?.pause());
  }

  resume(): void {
    this.request('resume', () => this.client?.resume());
  }

  stop(): void {
    this.request('stop', () => this.client?.stop());
  }

  /** Asks the worker for a layer inspection; false when the engine is not ready for it. */
  inspect(requestId: number, request: InspectionRequest): boolean {
    if (!this.client || this.phase !== 'ready') return false;
    this.client.inspect(requestId, request);
    return true;
  }

  dispose(): void {
    this.client?.dispose();
    this.client = null;
  }

  private request(kind: 'pause' | 'resume' | 'stop', send: () => void): void {
    if (!this.run.active) return;
    this.run.request = kind;
    send();
  }

  private onEvent(e: EngineEvent): void {
    if (e.type === 'backend') return void (this.backend = e.backend);
    if (e.type === 'trial') return this.hooks.trialed?.(e.trial);
    if (e.type === 'memory') return;
    if (e.type === 'inspection' || e.type === 'inspect-failed') return this.onInspection?.(e);
    if (e.type === 'loaded') this.available = e.available as ReluName[];
    if (e.type === 'loaded') return this.onLoaded(e.layers);
    if (e.type === 'load-failed') {
      this.phase = 'failed';
      this.failure = e.failure;
      return this.hooks.loadFailed(e.failure);
    }
    if (e.runId !== this.run.id) return;
    const run = this.run;
    switch (e.type) {
      case 'state': {
        const phase = ENGINE_STATES[e.state];
        if (phase) {
          run.phase = phase;
          run.request = null;
        }
        break;
      }
      case 'progress':
        run.record(e.progress);
        break;
      case 'preview':
        run.frame = e.image;
        run.previewed = true;
        run.frameOrigin = { image: e.image, iteration: e.iteration + run.iterationOffset, scaleIndex: e.scaleIndex };
        break;
      case 'done':
        run.phase = e.outcome.stopped ? 'stopped' : 'done';
        run.request = null;
        run.summary = { seconds: e.outcome.seconds, iterations: e.outcome.iterations };
        if (run.purpose === 'render') run.endedEarly = e.outcome.stopped;
        this.hooks.finished(run.purpose, e.outcome);
        break;
      case 'failed':
        this.onRunFailed(e.failure, e.lastImage);
        break;
    }
  }

  private onLoaded(layers: LayerChoice): void {
    this.phase = 'ready';
    this.layers = layers;
  }

  private onRunFailed(failure: EngineFailure, lastImage: RgbaImage | null): void {
    const run = this.run;
    run.phase = 'failed';
    run.request = null;
    run.failure = failure;
    if (run.purpose === 'render') {
      run.endedEarly = true;
      // The engine's own last image, or else (the GPU context is gone) the last frame it painted.
      const kept = lastImage ?? (run.previewed ? run.frame : null);
      run.result = kept;
      if (kept) run.frame = kept;
    }
    this.hooks.failed(run.purpose, failure);
  }
}
