/** Milliseconds from an arbitrary origin (performance.now, or a test's clock). */
export type Clock = () => number;

export const systemClock: Clock = () => performance.now();

/** A frame may take at most this share of the run's time (reading the picture back stalls the optimisation). */
export const MAX_PREVIEW_SHARE = 0.05;

/**
 * When the run sends a preview frame: the first after the first iteration, then whenever `intervalMs` has
 * passed since the last frame ended, but never so often that frames take more than MAX_PREVIEW_SHARE of
 * the time (a frame costing c ms waits at least c / MAX_PREVIEW_SHARE ms for the next one).
 */
export class PreviewTimer {
  private lastEnd: number | null = null;
  private costMs = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: Clock = systemClock,
  ) {}

  /** The wait between frames now: the interval, or longer when frames have proved costly. */
  get gapMs(): number {
    return Math.max(this.intervalMs, this.costMs / MAX_PREVIEW_SHARE);
  }

  /** True when a frame is due (asked after each iteration). */
  due(): boolean {
    return this.lastEnd === null || this.now() - this.lastEnd >= this.gapMs;
  }

  /** Times one frame: `frame` reads the picture back and hands it on. */
  async frame(frame: () => Promise<void>): Promise<void> {
    const start = this.now();
    await frame();
    const end = this.now();
    // The costliest recent frame counts: frames at a larger scale cost more than the ones before.
    this.costMs = Math.max(end - start, 0.5 * this.costMs);
    this.lastEnd = end;
  }
}
