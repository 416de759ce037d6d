import type { LayerCosts, Progress, RgbaImage, StyleSettings } from '../../app/index.js';
import type { EngineFailure, RunOutcome } from '../engine/protocol.js';

export type RunPhase = 'idle' | 'running' | 'paused' | 'stopping' | 'done' | 'stopped' | 'failed';
/** A run makes the picture ('render'), polishes it at a larger size for an export ('upscale') or paints a photo of the batch queue ('batch'). */
export type RunPurpose = 'render' | 'upscale' | 'batch';
export type RunRequest = 'pause' | 'resume' | 'stop' | null;

export interface CostPoint {
  iteration: number;
  total: number;
  scaleIndex: number;
}

/** What a result was made from: names for the export's file name, ids to know the inputs still match. */
export interface RunSource {
  contentId: number;
  contentName: string;
  styleIds: number[];
  styleNames: string[];
  /** Working size (longest side) of the run. */
  size: number;
}

/** Each layer's part of the cost at one iteration (the layer inspector's chart). */
export interface LayerCostPoint extends LayerCosts {
  iteration: number;
}

const MAX_COST_POINTS = 400;

/** The run's point a preview frame shows. */
export interface FrameOrigin {
  image: RgbaImage;
  iteration: number;
  scaleIndex: number;
}

/** The state of the current (or last) run, as the UI shows it. */
export class RunState {
  id = 0;
  phase = $state<RunPhase>('idle');
  purpose = $state<RunPurpose>('render');
  /** A control the user pressed that the engine has not confirmed yet. */
  request = $state<RunRequest>(null);
  progress = $state.raw<Progress | null>(null);
  costs = $state.raw<CostPoint[]>([]);
  layerCosts = $state.raw<LayerCostPoint[]>([]);
  /** The picture in the preview: the photo before the first frame, then each frame, then the result. */
  frame = $state.raw<RgbaImage | null>(null);
  /** Whether this run has painted a frame of its own yet (before that, the preview shows the photo). */
  previewed = $state(false);
  /** Where the engine's last frame comes from (iteration as the counter shows it, 0-based scale); kept with the frame it labels. */
  frameOrigin = $state.raw<FrameOrigin | null>(null);
  /** The working-size result: finished, stopped early, or the last good image of a failed run. */
  result = $state.raw<RgbaImage | null>(null);
  /** The last upscaled export, reused when exporting the same result again at the same size. */
  upscaled = $state.raw<{ longest: number; image: RgbaImage } | null>(null);
  source = $state.raw<RunSource | null>(null);
  /** The engine settings the last picture-making run was started with (recorded in its exports). */
  settings = $state.raw<StyleSettings | null>(null);
  /** Whether that run ended early (stopped or failed): its result is the best so far. */
  endedEarly = false;
  failure = $state.raw<EngineFailure | null>(null);
  summary = $state.raw<Pick<RunOutcome, 'seconds' | 'iterations'> | null>(null);
  /** Iterations done before this run began (a resumed run counts on from its checkpoint). */
  iterationOffset = 0;

  get active(): boolean {
    return this.phase === 'running' || this.phase === 'paused' || this.phase === 'stopping';
  }

  /** Percent done, 0–100. */
  get percent(): number {
    const p = this.progress;
    if (this.phase === 'done') return 100;
    return p ? Math.min(100, Math.round((p.iteration / p.totalIterations) * 100)) : 0;
  }

  begin(purpose: RunPurpose, firstFrame: RgbaImage | null): number {
    this.id += 1;
    this.purpose = purpose;
    this.phase = 'running';
    this.request = null;
    this.progress = null;
    this.costs = [];
    this.layerCosts = [];
    this.failure = null;
    this.summary = null;
    this.previewed = false;
    this.frameOrigin = null;
    this.iterationOffset = 0;
    if (firstFrame) this.frame = firstFrame;
    return this.id;
  }

  record(engineProgress: Progress): void {
    const offset = this.iterationOffset;
    const progress = offset ? { ...engineProgress, iteration: engineProgress.iteration + offset, totalIterations: engineProgress.totalIterations + offset } : engineProgress;
    this.progress = progress;
    const point = { iteration: progress.iteration, total: progress.costs.total, scaleIndex: progress.scaleIndex };
    // A chart 200 px wide needs no more than a few hundred points: thin out long runs as they grow.
    const kept = this.costs.length >= MAX_COST_POINTS ? this.costs.filter((_, i) => i % 2 === 0) : this.costs;
    this.costs = [...kept, point];
    if (progress.layerCosts) {
      const layers = this.layerCosts.length >= MAX_COST_POINTS ? this.layerCosts.filter((_, i) => i % 2 === 0) : this.layerCosts;
      this.layerCosts = [...layers, { iteration: progress.iteration, ...progress.layerCosts }];
    }
  }
}
