import * as tf from '@tensorflow/tfjs-core';
import { colourInputs, colourOutput } from '../colour/colourMode.js';
import { rgbaToTensor, tensorToRgba } from '../image/imageTensor.js';
import { resizeImage } from '../image/resize.js';
import { checkRgbaImage, type RgbaImage } from '../image/rgbaImage.js';
import type { VggNetwork } from '../network/vgg.js';
import { Adam } from '../optim/adam.js';
import { DEFAULT_LBFGS, Lbfgs } from '../optim/lbfgs.js';
import type { Optimizer } from '../optim/optimizer.js';
import { Ema, emaDecayFor } from '../optim/ema.js';
import { checkMask, maskToTensor, type MaskImage } from '../image/maskImage.js';
import { Emitter } from './emitter.js';
import { ScaleObjective, type Objective, type ObjectiveInputs } from './scaleObjective.js';
import { TiledObjective } from './tiledObjective.js';
import { SplitObjective, worthSplitting } from './splitObjective.js';
import type { TileEngine } from './tileEngine.js';
import { chooseLayers, withStyleLayerWeights, type LayerChoice } from './layerPresets.js';
import { seededRandom } from './random.js';
import { scaleSchedule, shareOut, type Scale } from './scales.js';
import { Plateau, improvementNeeded } from './plateau.js';
import { DEFAULT_SETTINGS, checkSettings, type StyleSettings } from './settings.js';
import { ProgressClock } from './progressClock.js';
import { layerCostsFromParts, type LayerCosts } from './layerCosts.js';
import { PreviewTimer, systemClock, type Clock } from './previewTimer.js';
import { currentBackendLimits, passesFit, passPixelLimit } from '../network/passMemory.js';

export interface RunInputs {
  content: RgbaImage;
  styles: RgbaImage[];
  /** Starting image for init 'image' (e.g. an earlier result). */
  initImage?: RgbaImage;
  /** Painted over the content: where it is on, the photo's pixels are kept untouched. */
  keepMask?: MaskImage;
  /** One per style image: the region where that style applies (per-region styles). */
  styleMasks?: MaskImage[];
}

export interface Costs {
  /** The weighted sum that is minimised. */
  total: number;
  content: number;
  style: number;
  smoothness: number;
}

export interface Progress {
  scaleIndex: number;
  scaleCount: number;
  width: number;
  height: number;
  /** Iterations done, across scales. */
  iteration: number;
  totalIterations: number;
  costs: Costs;
  iterationsPerSecond: number;
  etaSeconds: number;
  elapsedSeconds: number;
  /** Each layer's contribution to the cost (content layer, style layers in order). */
  layerCosts?: LayerCosts;
}

export interface PreviewFrame {
  image: RgbaImage;
  iteration: number;
  scaleIndex: number;
}

export interface RunResult {
  /** At the requested size, also when stopped early (then upsampled from the scale reached). */
  image: RgbaImage;
  costs: Costs;
  iterations: number;
  seconds: number;
  medianSecondsPerIteration: number;
  layers: LayerChoice;
  stopped: boolean;
}

export type RunState = 'idle' | 'running' | 'paused' | 'stopping' | 'done' | 'failed';

interface RunEvents extends Record<string, unknown> {
  progress: Progress;
  preview: PreviewFrame;
  state: RunState;
}

/** A run that fails keeps the last good image, so the user's work is never lost. */
export class RunError extends Error {
  constructor(
    message: string,
    readonly lastImage: RgbaImage | null,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'RunError';
  }
}

const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** No scale ends early before this many iterations (the first steps of L-BFGS are still finding the scale). */
export const MIN_SCALE_ITERATIONS = 20;

/** What one scale hands on: the picture, its last costs, the iterations it ran, and the optimiser to continue from. */
interface ScaleOutcome {
  image: tf.Tensor4D;
  costs: Costs | null;
  iterations: number;
  optimizer: Optimizer;
}

/**
 * One style transfer: Gatys et al.'s optimisation, coarse to fine, with Adam on the pixels and an
 * averaged iterate as the shown image. start() resolves with the result; pause/resume/stop steer it.
 */
export class StyleTransferRun extends Emitter<RunEvents> {
  readonly settings: StyleSettings;
  readonly layers: LayerChoice;
  readonly schedule: Scale[];
  private runState: RunState = 'idle';
  private resumeGate: { promise: Promise<void>; open: () => void } | null = null;
  private stopRequested = false;
  private promise: Promise<RunResult> | null = null;
  private lastImage: RgbaImage | null = null;
  /** The content photo as given (before any colour-mode transform), while the run owns it. */
  private photo: tf.Tensor4D | null = null;
  private previews: PreviewTimer | null = null;
  /** The iteration the last preview frame showed. */
  private framedIteration = -1;
  /** The scale of the last preview frame (a new scale starts with its own frame, at the same iteration). */
  private framedScale = -1;
  private tileEngines: readonly TileEngine[] = [];

  constructor(
    private readonly network: VggNetwork,
    private readonly inputs: RunInputs,
    settings: Partial<StyleSettings> = {},
    layers?: LayerChoice,
    /** Times the run and its preview frames (tests pass their own). */
    private readonly now: Clock = systemClock,
  ) {
    super();
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    checkSettings(this.settings);
    if (inputs.styles.length === 0) throw new Error('at least one style image is needed');
    checkRgbaImage(inputs.content, 'content image');
    inputs.styles.forEach((s, i) => checkRgbaImage(s, `style image ${i + 1}`));
    if (inputs.initImage) checkRgbaImage(inputs.initImage, 'initial image');
    if (inputs.keepMask) checkMask(inputs.keepMask, 'keep mask');
    if (inputs.styleMasks && inputs.styleMasks.length !== inputs.styles.length) {
      throw new Error(`${inputs.styles.length} style images but ${inputs.styleMasks.length} style masks`);
    }
    inputs.styleMasks?.forEach((m, i) => checkMask(m, `style mask ${i + 1}`));
    if (this.settings.styleBlend && this.settings.styleBlend.length !== inputs.styles.length) {
      throw new Error(`${inputs.styles.length} style images but ${this.settings.styleBlend.length} blend weights`);
    }
    if (this.settings.init === 'image' && !inputs.initImage) throw new Error("init 'image' needs an initial image");
    this.layers = withStyleLayerWeights(layers ?? chooseLayers(network.available), this.settings.styleLayerWeights);
    const { width, height } = inputs.content;
    this.schedule = scaleSchedule(width, height, this.settings.size, this.settings.iterations, {
      startSize: Math.min(this.settings.startSize, this.settings.size),
      step: Math.SQRT2,
      iterationDecay: 0.75,
    });
  }

  /**
   * Other engines (worker threads) to share each step with, before start(): scales that fit one pass are then
   * split into strips, one per engine (splitObjective.ts). The picture is the same up to rounding.
   */
  shareWith(engines: readonly TileEngine[]): void {
    if (this.promise) throw new Error('shareWith() must come before start()');
    this.tileEngines = engines;
  }

  get state(): RunState {
    return this.runState;
  }

  /** Starts the run (once); the promise resolves with the result when it finishes or is stopped. */
  start(): Promise<RunResult> {
    this.promise ??= this.run();
    return this.promise;
  }

  pause(): void {
    if (this.runState !== 'running') return;
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.resumeGate = { promise, open };
    this.setState('paused');
  }

  resume(): void {
    if (this.runState !== 'paused') return;
    this.resumeGate?.open();
    this.resumeGate = null;
    this.setState('running');
  }

  /** Stops after the current iteration and resolves with the best image so far. */
  stop(): Promise<RunResult> {
    this.stopRequested = true;
    if (this.runState === 'running' || this.runState === 'paused') this.setState('stopping');
    this.resumeGate?.open();
    this.resumeGate = null;
    return this.start();
  }

  private setState(s: RunState): void {
    this.runState = s;
    this.emit('state', s);
  }

  private async run(): Promise<RunResult> {
    this.setState(this.stopRequested ? 'stopping' : 'running');
    const owned: tf.Tensor[] = [];
    try {
      const result = await this.optimise(owned);
      this.setState('done');
      return result;
    } catch (e) {
      this.setState('failed');
      const message = e instanceof Error ? e.message : String(e);
      throw new RunError(`the run failed: ${message}`, this.lastImage, e);
    } finally {
      tf.dispose(owned);
      this.photo = null;
    }
  }

  private async optimise(owned: tf.Tensor[]): Promise<RunResult> {
    const seen = colourInputs(this.settings.colour, this.inputs.content, this.inputs.styles);
    const photo = rgbaToTensor(this.inputs.content, 'content image');
    const content = seen.content === this.inputs.content ? photo : rgbaToTensor(seen.content, 'content image');
    const styles = seen.styles.map((s, i) => rgbaToTensor(s, `style image ${i + 1}`));
    owned.push(photo, ...(content === photo ? [] : [content]), ...styles);
    this.photo = photo;
    const keepMask = this.inputs.keepMask ? maskToTensor(this.inputs.keepMask) : undefined;
    const styleMasks = this.inputs.styleMasks?.map(maskToTensor);
    owned.push(...(keepMask ? [keepMask] : []), ...(styleMasks ?? []));
    const objectiveInputs: ObjectiveInputs = { content, styles, keepMask, styleMasks };
    const clock = new ProgressClock(this.schedule, this.now);
    this.previews = new PreviewTimer(this.settings.previewSeconds * 1000, this.now);
    let current: tf.Tensor4D | null = this.initialImage(content, this.schedule[0]!);
    let lastCosts: Costs = { total: NaN, content: NaN, style: NaN, smoothness: NaN };
    // Each scale's iterations: planned, plus what coarser scales that ended early left over.
    let budgets = this.schedule.map((s) => s.iterations);
    let carried: Optimizer | null = null;
    try {
      for (let scaleIndex = 0; scaleIndex < this.schedule.length && !this.stopRequested; scaleIndex++) {
        const scale = this.schedule[scaleIndex]!;
        const start = resizeImage(current, scale.height, scale.width);
        current.dispose();
        const outcome: ScaleOutcome = await this.optimiseScale(scaleIndex, budgets[scaleIndex]!, start, objectiveInputs, clock, carried);
        carried = outcome.optimizer;
        current = outcome.image;
        if (outcome.costs) lastCosts = outcome.costs;
        if (!this.stopRequested) budgets = shareOut(budgets, scaleIndex, budgets[scaleIndex]! - outcome.iterations);
        clock.replan(budgets);
      }
    } finally {
      carried?.dispose();
    }
    const final = this.schedule[this.schedule.length - 1]!;
    const out = resizeImage(current, final.height, final.width);
    current.dispose();
    const image = await this.toOutputImage(out);
    out.dispose();
    return {
      image,
      costs: lastCosts,
      iterations: clock.iterations,
      seconds: clock.elapsedSeconds(),
      medianSecondsPerIteration: clock.medianSecondsPerIteration(),
      layers: this.layers,
      stopped: this.stopRequested,
    };
  }

  private initialImage(content: tf.Tensor4D, first: Scale): tf.Tensor4D {
    const { init, seed } = this.settings;
    if (init === 'content') return resizeImage(content, first.height, first.width);
    if (init === 'image') {
      return tf.tidy(() => {
        const img = rgbaToTensor(this.inputs.initImage!, 'initial image');
        return resizeImage(img, first.height, first.width);
      });
    }
    const random = seededRandom(seed);
    const values = new Float32Array(first.width * first.height * 3);
    for (let i = 0; i < values.length; i++) values[i] = random();
    return tf.tensor4d(values, [1, first.height, first.width, 3]);
  }

  /**
   * The optimiser for a scale: Adam continues from the previous scale's (resized), L-BFGS starts afresh, as
   * crowsonkb/style-transfer-pytorch's does (keeping its curvature pairs, resized, was measured and did not
   * help: docs/quality.md).
   */
  private optimizerFor(scale: Scale, lbfgs: boolean, previous: Optimizer | null): Optimizer {
    if (lbfgs) return new Lbfgs(DEFAULT_LBFGS);
    if (previous instanceof Adam) return previous.resizedTo(scale.height, scale.width);
    return new Adam({ learningRate: this.settings.learningRate, beta1: 0.9, beta2: 0.99, epsilon: 1e-8 });
  }

  /** Optimises one scale for at most `budget` iterations, fewer when its cost stops falling. */
  private async optimiseScale(
    scaleIndex: number,
    budget: number,
    start: tf.Tensor4D,
    inputs: ObjectiveInputs,
    clock: ProgressClock,
    previous: Optimizer | null,
  ): Promise<ScaleOutcome> {
    const scale = this.schedule[scaleIndex]!;
    // The picture at the new size at once, before this scale's targets are computed (a second or more at large sizes).
    if (scaleIndex > 0 && !this.stopRequested) await this.emitPreview(null, start, clock, scaleIndex);
    // Strips over other engines hold a share of one pass each, so whether to tile is decided for one pass.
    const tiled = scale.width * scale.height > this.passPixels(scale, 1);
    const objective = await this.objectiveFor(scale, inputs, tiled);
    // L-BFGS keeps 2 × history copies of the picture: beyond one pass's size, Adam's two are what fits.
    const lbfgs = this.settings.optimizer === 'lbfgs' && !tiled;
    const optimizer = this.optimizerFor(scale, lbfgs, previous);
    previous?.dispose();
    const plateau = new Plateau(improvementNeeded(this.settings.minImprovement, scale, this.schedule[0]!), MIN_SCALE_ITERATIONS);
    // L-BFGS does not jitter; averaging its iterates would only lag behind them.
    const ema = new Ema(lbfgs ? 0 : emaDecayFor(budget));
    let x = start;
    let costs: Costs | null = null;
    let done = 0;
    let handedOn = false;
    try {
      clock.startScale(scaleIndex);
      while (done < budget) {
        if (this.resumeGate) await this.waitWhilePaused(clock, ema, x, scaleIndex);
        if (this.stopRequested) break;
        const { grad, parts } = await objective.costAndGradient(x);
        // Adam is projected onto the valid pixel range; L-BFGS needs unclipped iterates for its secant pairs.
        const stepped = optimizer.step(x, grad);
        const next = objective.project(lbfgs ? stepped : tf.clipByValue(stepped, 0, 1));
        tf.dispose([grad, x, ...(next === stepped ? [] : [stepped])]);
        x = next;
        ema.update(x);
        const values = await parts.data();
        parts.dispose();
        costs = { total: values[0]!, content: values[1]!, style: values[2]!, smoothness: values[3]! };
        clock.tick();
        done += 1;
        const ended = plateau.add(costs.total);
        // Coarser scales hand their unused iterations on; only the final scale ending early shortens the run.
        const total = ended && scaleIndex === this.schedule.length - 1 ? clock.iterations : this.settings.iterations;
        this.emit('progress', { ...this.progress(scaleIndex, scale, costs, clock, total), layerCosts: layerCostsFromParts(values, this.settings) });
        if (this.previews!.due()) await this.emitPreview(ema, x, clock, scaleIndex);
        await nextTick();
        if (ended) break;
      }
      const image = (ema.value() as tf.Tensor4D | null) ?? tf.clone(x);
      handedOn = true;
      return { image, costs, iterations: done, optimizer };
    } finally {
      x.dispose();
      objective.dispose();
      if (!handedOn) optimizer.dispose();
      ema.dispose();
    }
  }

  /**
   * What a scale optimises: tile by tile when it is larger than one pass (`passPixels`), split over the
   * other engines when there are some and the picture is large enough to share, else the whole picture at once.
   */
  private async objectiveFor(scale: Scale, inputs: ObjectiveInputs, tiled: boolean): Promise<Objective> {
    const { network, layers, settings } = this;
    if (tiled) {
      const passes = this.tilePasses();
      const shared = passes > 1 && passesFit(currentBackendLimits(), [...layers.content, ...layers.style], scale.width * scale.height, passes);
      const passPixels = this.passPixels(scale, shared ? passes : 1);
      const tiling = { tile: Math.floor(Math.sqrt(passPixels)) - 2 * settings.tileHalo, halo: settings.tileHalo };
      return TiledObjective.create(network, layers, settings, scale, inputs, tiling, shared ? this.tileEngines : []);
    }
    if (worthSplitting(network, layers, scale, this.tileEngines.length)) return SplitObjective.create(network, layers, settings, scale, inputs, this.tileEngines);
    return new ScaleObjective(network, layers, settings, scale, inputs);
  }

  /**
   * How many shares of the pass budget a tile gets. Alone: one. With other engines painting tiles side by
   * side, each engine's heap grows to about twice its pass's estimate (measured at 2048 px: 2 engines with
   * a half share each reached 3.8 GB RSS, with a quarter each 2.69 GB, against 2.39 GB alone), so each gets
   * a quarter of what one pass would: the process stays under 3 GB, and the tiles still paint 1.6× faster.
   * Where a quarter would fall to the floor (prints of about 4096 px), the main thread paints the tiles alone.
   */
  private tilePasses(): number {
    return this.tileEngines.length > 0 ? 2 * this.tileEngines.length : 1;
  }

  /**
   * The one-pass limit: what the backend holds (network/passMemory.ts), at most the settings' maxPassPixels,
   * for `passes` passes held at once, each with its share of what the whole picture leaves.
   */
  private passPixels(scale: Scale, passes: number): number {
    const layers = [...this.layers.content, ...this.layers.style];
    const held = passPixelLimit(currentBackendLimits(), layers, scale.width * scale.height, passes);
    return Math.max((3 * this.settings.tileHalo) ** 2, Math.min(this.settings.maxPassPixels, held));
  }

  /** Pixels as the user sees them: the colour mode applied against the photo at the same size. */
  private async toOutputImage(image: tf.Tensor4D): Promise<RgbaImage> {
    const optimised = await tensorToRgba(image);
    const mode = this.settings.colour;
    if (mode !== 'original' && mode !== 'luminance') return optimised;
    const [, h, w] = image.shape;
    const photoAtSize = resizeImage(this.photo!, h, w);
    const photo = await tensorToRgba(photoAtSize);
    photoAtSize.dispose();
    return colourOutput(mode, optimised, photo);
  }

  /** Waits while paused, after showing the picture as it is now (not the last timed frame). */
  private async waitWhilePaused(clock: ProgressClock, ema: Ema, x: tf.Tensor4D, scaleIndex: number): Promise<void> {
    clock.pause();
    if (this.framedIteration !== clock.iterations || this.framedScale !== scaleIndex) await this.emitPreview(ema, x, clock, scaleIndex);
    while (this.resumeGate) await this.resumeGate.promise;
    clock.resume();
  }

  /** The averaged iterate as a frame (the iterate itself before the first average of a scale), timed. */
  private async emitPreview(ema: Ema | null, x: tf.Tensor4D, clock: ProgressClock, scaleIndex: number): Promise<void> {
    await this.previews!.frame(async () => {
      const avg = (ema?.value() as tf.Tensor4D | null | undefined) ?? tf.clone(x);
      const image = await this.toOutputImage(avg);
      avg.dispose();
      this.lastImage = image;
      this.framedIteration = clock.iterations;
      this.framedScale = scaleIndex;
      this.emit('preview', { image, iteration: clock.iterations, scaleIndex });
    });
  }

  private progress(scaleIndex: number, scale: Scale, costs: Costs, clock: ProgressClock, totalIterations: number): Progress {
    return {
      scaleIndex,
      scaleCount: this.schedule.length,
      width: scale.width,
      height: scale.height,
      iteration: clock.iterations,
      totalIterations,
      costs,
      iterationsPerSecond: clock.iterationsPerSecond(),
      // A run whose last scale ended early is done: its plan's remaining iterations will not be run.
      etaSeconds: clock.iterations >= totalIterations ? 0 : clock.etaSeconds(),
      elapsedSeconds: clock.elapsedSeconds(),
    };
  }
}
