import type { Scale } from './scales.js';
import { systemClock, type Clock } from './previewTimer.js';

/**
 * Times a run: iterations per second (smoothed), ETA from the time per pixel-iteration so far applied
 * to the iterations and pixel counts still ahead, elapsed time excluding pauses, and the median.
 */
export class ProgressClock {
  private readonly began: number;
  private pausedAt: number | null = null;
  private pausedTotal = 0;
  private last = 0;
  private scaleIndex = 0;
  private doneInScale = 0;
  private secondsPerPixelIteration = NaN;
  private smoothedSeconds = NaN;
  private readonly durations: number[] = [];
  /** Iterations planned per scale (they change when a scale ends early and hands its rest on). */
  private budgets: number[];

  constructor(
    private readonly schedule: readonly Scale[],
    private readonly now: Clock = systemClock,
  ) {
    this.began = now();
    this.budgets = schedule.map((s) => s.iterations);
  }

  /** The scales' iteration budgets from now on (see StyleTransferRun: scales that end early hand theirs on). */
  replan(budgets: readonly number[]): void {
    this.budgets = [...budgets];
  }

  startScale(index: number): void {
    this.scaleIndex = index;
    this.doneInScale = 0;
    this.smoothedSeconds = NaN;
    this.last = this.now();
  }

  tick(): void {
    const now = this.now();
    const seconds = (now - this.last) / 1000;
    this.last = now;
    this.durations.push(seconds);
    this.doneInScale += 1;
    const scale = this.schedule[this.scaleIndex]!;
    const perPixel = seconds / (scale.width * scale.height);
    // The first iteration of a scale includes one-off set-up (kernels, memory); keep it out of the rate.
    if (this.doneInScale > 1 || Number.isNaN(this.smoothedSeconds)) {
      this.smoothedSeconds = Number.isNaN(this.smoothedSeconds) ? seconds : 0.8 * this.smoothedSeconds + 0.2 * seconds;
    }
    this.secondsPerPixelIteration = Number.isNaN(this.secondsPerPixelIteration) ? perPixel : 0.8 * this.secondsPerPixelIteration + 0.2 * perPixel;
  }

  pause(): void {
    this.pausedAt ??= this.now();
  }

  resume(): void {
    if (this.pausedAt === null) return;
    const d = this.now() - this.pausedAt;
    this.pausedTotal += d;
    this.last += d;
    this.pausedAt = null;
  }

  get iterations(): number {
    return this.durations.length;
  }

  iterationsPerSecond(): number {
    return this.smoothedSeconds > 0 ? 1 / this.smoothedSeconds : 0;
  }

  etaSeconds(): number {
    let remaining = (this.budgets[this.scaleIndex]! - this.doneInScale) * (this.smoothedSeconds || 0);
    this.schedule.forEach((s, i) => {
      if (i > this.scaleIndex) remaining += this.budgets[i]! * s.width * s.height * (this.secondsPerPixelIteration || 0);
    });
    return remaining;
  }

  elapsedSeconds(): number {
    const now = this.pausedAt ?? this.now();
    return (now - this.began - this.pausedTotal) / 1000;
  }

  medianSecondsPerIteration(): number {
    if (this.durations.length === 0) return NaN;
    const sorted = [...this.durations].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
}
