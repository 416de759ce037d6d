import type { StyleSettings } from '../../app/run/settings.js';
import type { OutputFormat } from '../node/image/outputFormat.js';

export type ItemStatus = 'done' | 'skipped' | 'failed' | 'stopped' | 'not started';

export interface ItemReport {
  /** The photo's file name in the input folder. */
  input: string;
  output: string;
  status: ItemStatus;
  /** Why it failed, or why it was skipped. */
  message?: string;
  iterations?: number;
  seconds?: number;
}

/** The `--json` summary of `pastiche batch`: one line, the last on stdout. */
export interface BatchSummary {
  input: string;
  out: string;
  format: OutputFormat;
  total: number;
  done: number;
  skipped: number;
  failed: number;
  /** True when Ctrl-C ended the batch early. */
  interrupted: boolean;
  items: ItemReport[];
  /** Files in the input folder that are not images by their extension. */
  ignored: string[];
  styles: string[];
  model: string;
  backend: string;
  /** Photos painted at once (worker threads with an engine each), and the threads that share each photo's steps. */
  parallel: { jobs: number; threadsPerPhoto: number };
  settings: StyleSettings;
}

export interface BatchContext {
  input: string;
  out: string;
  format: OutputFormat;
  ignored: string[];
  styles: string[];
  model: string;
  backend: string;
  /** Photos painted at once (worker threads with an engine each), and the threads that share each photo's steps. */
  parallel: { jobs: number; threadsPerPhoto: number };
  settings: StyleSettings;
}

const count = (items: readonly ItemReport[], status: ItemStatus) => items.filter((i) => i.status === status).length;

export function batchSummary(items: ItemReport[], interrupted: boolean, ctx: BatchContext): BatchSummary {
  const { input, out, format, ignored, styles, model, backend, parallel, settings } = ctx;
  const counts = { total: items.length, done: count(items, 'done'), skipped: count(items, 'skipped'), failed: count(items, 'failed') };
  return { input, out, format, ...counts, interrupted, items, ignored, styles, model, backend, parallel, settings };
}

/** The closing line: "batch finished: 3 done, 1 skipped, 0 failed (of 4)". */
export function summaryLine(s: BatchSummary): string {
  const parts = [`${s.done} done`, `${s.skipped} skipped`, `${s.failed} failed`];
  const stopped = s.items.filter((i) => i.status === 'stopped').length;
  const notStarted = s.items.filter((i) => i.status === 'not started').length;
  if (stopped) parts.push(`${stopped} stopped`);
  if (notStarted) parts.push(`${notStarted} not started`);
  return `batch ${s.interrupted ? 'interrupted' : 'finished'}: ${parts.join(', ')} (of ${s.total})`;
}
