import type { Progress } from '../../app/index.js';
import { formatDuration } from './format.js';

/** What the run bar's texts are made from: the run's state (RunState's phase and purpose), nothing remembered on the side. */
export interface RunView {
  phase: 'idle' | 'running' | 'paused' | 'stopping' | 'done' | 'stopped' | 'failed';
  purpose: 'render' | 'upscale' | 'batch';
  progress: Pick<Progress, 'iteration' | 'totalIterations' | 'scaleIndex' | 'scaleCount' | 'width' | 'height'> | null;
  /** The engine's outcome: iterations of this run alone, and its time. */
  summary: { iterations: number; seconds: number } | null;
  /** Iterations done before this run began (a resumed run counts on from its checkpoint). */
  iterationOffset: number;
  failure: string | null;
  /** Why Start is not available yet (the studio's start hint), shown when idle. */
  idleHint: string | null;
}

/** Iterations done, counted as the progress bar counts them: a resumed run includes those before it. */
export function iterationsDone(v: RunView): number {
  if (v.summary && (v.phase === 'done' || v.phase === 'stopped')) return v.summary.iterations + v.iterationOffset;
  return v.progress?.iteration ?? 0;
}

/** "12 / 40": done and planned iterations, or null while a run prepares and its count is not known yet. */
export function iterationCount(v: RunView, plannedIterations: number): { done: number; total: number } | null {
  if (v.progress) return { done: iterationsDone(v), total: v.progress.totalIterations };
  if (v.phase === 'idle') return { done: 0, total: plannedIterations };
  return null;
}

export function runHeadline(v: RunView): string {
  const p = v.progress;
  const upscaling = v.purpose === 'upscale';
  const what = upscaling ? 'Upscaling for export' : 'Restyling';
  const seconds = formatDuration(v.summary?.seconds ?? 0);
  switch (v.phase) {
    case 'idle':
      return v.idleHint ?? 'Ready to start';
    case 'running':
      return p ? `${what} · scale ${p.scaleIndex + 1} of ${p.scaleCount} · ${p.width} × ${p.height}` : `${what} · preparing the style targets…`;
    case 'paused':
      return `Paused at iteration ${iterationsDone(v)}`;
    case 'stopping':
      return 'Stopping after this iteration…';
    case 'done':
      if (upscaling) return `Upscaled for export in ${seconds}`;
      return `Finished ${iterationsDone(v)} iterations in ${seconds}`;
    case 'stopped':
      return `Stopped at iteration ${iterationsDone(v)}; the picture so far is kept`;
    case 'failed':
      return v.failure ?? 'The run failed.';
  }
}
