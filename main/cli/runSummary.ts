import type { Scale } from '../../app/run/scales.js';
import type { StyleSettings } from '../../app/run/settings.js';
import type { Costs, RunResult } from '../../app/run/styleTransferRun.js';
import type { ReluName } from '../../app/weights/vggLayers.js';
import type { OutputFormat } from '../node/image/outputFormat.js';

/** The `--json` summary: one line, the last on stdout. Field names are part of the CLI's contract. */
export interface RunSummary {
  output: string;
  format: OutputFormat;
  width: number;
  height: number;
  /** Iterations run, across scales; fewer than requested when stopped. */
  iterations: number;
  requestedIterations: number;
  stopped: boolean;
  seconds: number;
  medianSecondsPerIteration: number;
  costs: Costs;
  layers: { content: ReluName[]; style: ReluName[]; styleWeights: number[] };
  scales: Scale[];
  backend: string;
  /** Threads that shared each step (--threads): the picture differs from another count only by rounding. */
  threads: number;
  model: string;
  content: string;
  styles: string[];
  settings: StyleSettings;
}

export interface SummaryContext {
  output: string;
  format: OutputFormat;
  backend: string;
  threads: number;
  model: string;
  content: string;
  styles: string[];
  settings: StyleSettings;
  schedule: Scale[];
}

const round = (v: number, digits: number) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);

export function runSummary(result: RunResult, ctx: SummaryContext): RunSummary {
  return {
    output: ctx.output,
    format: ctx.format,
    width: result.image.width,
    height: result.image.height,
    iterations: result.iterations,
    requestedIterations: ctx.settings.iterations,
    stopped: result.stopped,
    seconds: round(result.seconds, 3),
    medianSecondsPerIteration: round(result.medianSecondsPerIteration, 4),
    costs: result.costs,
    layers: result.layers,
    scales: ctx.schedule,
    backend: ctx.backend,
    threads: ctx.threads,
    model: ctx.model,
    content: ctx.content,
    styles: ctx.styles,
    settings: ctx.settings,
  };
}
