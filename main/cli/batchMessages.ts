import type { StyleSettings } from '../../app/run/settings.js';
import type { Progress } from '../../app/run/styleTransferRun.js';
import type { VggWeights } from '../../app/weights/loadVggWeights.js';
import type { OutputFormat } from '../node/image/outputFormat.js';
import type { NodeBackend } from '../node/tfBackend.js';
import type { BatchItem } from './batchItems.js';
import type { ItemReport } from './batchSummary.js';

// What `pastiche batch` and its worker threads (batchWorker.ts, one engine each) tell each other.

/** Each worker's workerData: the weights (copied into it), the style setup, and its part of the memory. */
export interface WorkerSetup {
  weights: VggWeights;
  modelDir: string;
  backend: NodeBackend;
  settings: StyleSettings;
  styles: string[];
  format: OutputFormat;
  quality: number;
  /** 1 / the number of workers: each engine's share of one engine's memory budget (app/network/passMemory.ts). */
  memoryShare: number;
  /** Worker threads that share each step of this worker's photo (stylize --threads); 1: it paints alone. */
  threads: number;
  /** False with --quiet: no progress messages at all. */
  progress: boolean;
}

/** Paint the photo at `index` of the batch; stop every run now (Ctrl-C, or an output problem elsewhere). */
export type ToWorker = { type: 'paint'; index: number; item: BatchItem; overwrite: boolean } | { type: 'stop' };

export type FromWorker =
  /** The engine could not start (the backend failed): no photo can be painted. */
  | { type: 'broken'; message: string }
  | { type: 'progress'; index: number; progress: Progress }
  | { type: 'done'; index: number; report: ItemReport }
  /** A problem writing the output: every later photo would meet it too, so the batch ends. */
  | { type: 'fatal'; index: number; message: string; exitCode: number };
