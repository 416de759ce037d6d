import type { Worker } from 'node:worker_threads';
import type { Progress } from '../../app/run/styleTransferRun.js';
import type { BatchItem } from './batchItems.js';
import type { FromWorker, ToWorker } from './batchMessages.js';
import type { ItemReport } from './batchSummary.js';
import { CliError, EXIT } from './cliError.js';

/** A photo to paint: its place in the batch, and whether its output may be replaced. */
export interface PaintJob {
  index: number;
  item: BatchItem;
  overwrite: boolean;
}

export interface PoolEvents {
  start(job: PaintJob): void;
  progress(index: number, progress: Progress): void;
  /** `ends` when the report is the problem that ends the batch (reported once, at the end). */
  report(index: number, report: ItemReport, ends: boolean): void;
}

export interface PoolOutcome {
  /** The reports of the photos painted (or failed while painting), by index; the others were not started. */
  reports: Map<number, ItemReport>;
  /** What ended the batch early: a problem writing the output, or an engine that cannot start. */
  fatal?: CliError;
}

interface Slot {
  worker: Worker;
  job: PaintJob | null;
}

/**
 * Paints photos over several worker threads (batchWorker.ts), each taking the next photo when it is done.
 * `stop()` (Ctrl-C) stops every running photo, which then writes its best image so far, and starts no other;
 * a problem writing the output does the same. A worker that dies (out of memory, a crash) fails its photo
 * with a message, and a fresh one takes the next photo.
 */
export class WorkerPool {
  #stopping = false;
  #slots = new Set<Slot>();
  #queue: PaintJob[] = [];
  #reports = new Map<number, ItemReport>();
  #fatal: CliError | undefined;
  #finished: () => void = () => {};

  constructor(
    private readonly spawn: () => Worker,
    private readonly size: number,
    private readonly events: PoolEvents,
  ) {}

  get stopping(): boolean {
    return this.#stopping;
  }

  /** Paints the jobs, at most `size` at a time, and resolves once every worker has ended. */
  run(jobs: readonly PaintJob[]): Promise<PoolOutcome> {
    this.#queue = [...jobs];
    const done = new Promise<void>((resolve) => (this.#finished = resolve));
    for (let i = 0; i < Math.min(this.size, jobs.length) && !this.#stopping; i++) this.#startWorker();
    if (this.#slots.size === 0) this.#finished();
    return done.then(() => ({ reports: this.#reports, fatal: this.#fatal }));
  }

  /** Ctrl-C: every running photo stops after its current iteration and writes its best image; no other starts. */
  stop(): void {
    this.#stopping = true;
    for (const slot of this.#slots) this.#send(slot, { type: 'stop' });
  }

  #send(slot: Slot, message: ToWorker): void {
    slot.worker.postMessage(message);
  }

  #startWorker(): void {
    const slot: Slot = { worker: this.spawn(), job: null };
    this.#slots.add(slot);
    slot.worker.on('message', (m: FromWorker) => this.#onMessage(slot, m));
    slot.worker.on('error', (e) => this.#lost(slot, `stopped: ${e.message}`));
    slot.worker.on('exit', (code) => this.#onExit(slot, code));
    this.#next(slot);
  }

  /** Gives the worker the next photo, or ends it when there is none (or the batch is stopping). */
  #next(slot: Slot): void {
    const job = this.#stopping ? undefined : this.#queue.shift();
    slot.job = job ?? null;
    if (!job) {
      void slot.worker.terminate();
      return;
    }
    this.events.start(job);
    this.#send(slot, { type: 'paint', ...job });
  }

  #onMessage(slot: Slot, m: FromWorker): void {
    if (m.type === 'progress') {
      this.events.progress(m.index, m.progress);
    } else if (m.type === 'done') {
      this.#report(m.index, m.report);
      this.#next(slot);
    } else if (m.type === 'fatal') {
      this.#report(m.index, { ...this.#itemOf(slot), status: 'failed', message: m.message }, true);
      this.#end(new CliError(m.message, m.exitCode), slot);
    } else {
      // The engine cannot start: its photo was not started, and no other can be.
      slot.job = null;
      this.#end(new CliError(m.message, EXIT.failure), slot);
    }
  }

  #itemOf(slot: Slot): Pick<ItemReport, 'input' | 'output'> {
    const item = slot.job!.item;
    return { input: item.name, output: item.output };
  }

  #report(index: number, report: ItemReport, ends = false): void {
    this.#reports.set(index, report);
    this.events.report(index, report, ends);
  }

  /** The first fatal problem ends the batch: the other running photos stop and write their best image. */
  #end(fatal: CliError, slot: Slot): void {
    this.#fatal ??= fatal;
    slot.job = null;
    this.stop();
    void slot.worker.terminate();
  }

  /** The worker died while painting: its photo failed. */
  #lost(slot: Slot, why: string): void {
    if (!slot.job) return;
    this.#report(slot.job.index, { ...this.#itemOf(slot), status: 'failed', message: `the worker thread painting it ${why}` });
    slot.job = null;
  }

  #onExit(slot: Slot, code: number): void {
    this.#lost(slot, `ended unexpectedly (exit code ${code})`);
    this.#slots.delete(slot);
    // A fresh engine for the photos still waiting.
    if (!this.#stopping && this.#queue.length > 0) this.#startWorker();
    if (this.#slots.size === 0) this.#finished();
  }
}
