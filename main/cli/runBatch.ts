import os from 'node:os';
import type { StyleSettings } from '../../app/run/settings.js';
import { startWorker, siblingModule } from '../node/worker/startWorker.js';
import { checkItem } from './batchItem.js';
import type { BatchItem } from './batchItems.js';
import type { WorkerSetup } from './batchMessages.js';
import type { BatchOptions } from './batchOptions.js';
import { WorkerPool, type PaintJob, type PoolOutcome } from './batchPool.js';
import { prepareBatch, type BatchPlan } from './batchPreflight.js';
import { batchSummary, summaryLine, type BatchSummary, type ItemReport } from './batchSummary.js';
import { batchView, type BatchView } from './batchView.js';
import { CliError, EXIT } from './cliError.js';
import { loadModel, type LoadedModel } from './loadModel.js';
import type { ProgressReporter } from './progressReporter.js';
import { settingsFromOptions } from './settingsFromOptions.js';
import { stopOnInterrupt } from './stopOnInterrupt.js';

function reportItem(view: BatchView, r: ItemReport, tag: string): void {
  if (r.status === 'failed') view.error(`pastiche: ${tag} failed: ${r.message}`);
  else if (r.status === 'skipped') view.say(`${tag} skipped: ${r.message}`);
}

/** The closing output: the JSON summary, then one line, on stderr or as the error that sets the exit code. */
function finish(summary: BatchSummary, o: BatchOptions, fatal?: CliError): void {
  if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  const line = summaryLine(summary);
  if (fatal) throw new CliError(`${fatal.message}; ${line}`, fatal.exitCode);
  if (summary.interrupted) throw new CliError(`${line}; run the same command again to continue`, EXIT.interrupted);
  if (summary.failed > 0) throw new CliError(line, EXIT.failure);
  if (!o.quiet) process.stderr.write(`pastiche: ${line}\n`);
}

/** One batch in progress: its photos' reports by index, the Ctrl-C state, and the worker pool once painting. */
class Batch {
  readonly reports = new Map<number, ItemReport>();
  interrupted = false;
  #pool: WorkerPool | null = null;
  #photos = new Map<number, ProgressReporter>();

  constructor(
    readonly plan: BatchPlan,
    readonly view: BatchView,
  ) {}

  tag(index: number): string {
    return `[${index + 1}/${this.plan.items.length}] ${this.plan.items[index]!.name}`;
  }

  /** Ctrl-C: the running photos stop and write their best image so far; no other starts. */
  interrupt(): void {
    this.interrupted = true;
    this.#pool?.stop();
  }

  /** Which photos need painting; the others' reports (skipped, refused) are made and shown now, in order. */
  async check(o: BatchOptions, settings: StyleSettings): Promise<PaintJob[]> {
    const jobs: PaintJob[] = [];
    for (const [index, item] of this.plan.items.entries()) {
      if (this.interrupted) break;
      const step = await checkItem(item, { settings, styles: o.style, force: o.force === true });
      if ('overwrite' in step) jobs.push({ index, item, overwrite: step.overwrite });
      else this.#record(index, step.report, false);
    }
    return jobs;
  }

  /** Paints the jobs over `size` worker threads, one engine each, each photo's steps shared by `threads` more. */
  async paint(jobs: PaintJob[], size: number, threads: number, setup: Omit<WorkerSetup, 'memoryShare' | 'threads'>): Promise<PoolOutcome> {
    const workerSetup: WorkerSetup = { ...setup, memoryShare: 1 / size, threads };
    const entry = siblingModule(import.meta.url, 'batchWorker');
    this.#pool = new WorkerPool(() => startWorker(entry, { workerData: workerSetup }), size, {
      start: (job) => {
        this.view.say(this.tag(job.index));
        this.#photos.set(job.index, this.view.photo(this.tag(job.index)));
      },
      progress: (index, p) => this.#photos.get(index)?.update(p),
      report: (index, report, ends) => this.#record(index, report, ends),
    });
    if (this.interrupted) this.#pool.stop();
    return this.#pool.run(jobs);
  }

  #record(index: number, report: ItemReport, ends: boolean): void {
    this.#photos.get(index)?.stop();
    this.#photos.delete(index);
    this.reports.set(index, report);
    if (!ends) reportItem(this.view, report, this.tag(index));
  }

  /** Every photo's report in input order; those never started say so. */
  items(): ItemReport[] {
    const notStarted = (item: BatchItem): ItemReport => ({ input: item.name, output: item.output, status: 'not started' });
    return this.plan.items.map((item, i) => this.reports.get(i) ?? notStarted(item));
  }
}

function workerSetup(o: BatchOptions, model: LoadedModel, settings: StyleSettings, plan: BatchPlan): Omit<WorkerSetup, 'memoryShare' | 'threads'> {
  return { weights: model.weights, modelDir: model.dir, backend: o.backend, settings, styles: o.style, format: plan.format, quality: o.quality, progress: o.quiet !== true };
}

/**
 * `pastiche batch`: one style setup over every photo in a folder. Checks the folders, photos' names and
 * style images first, loads the model once, then paints the photos in worker threads, --jobs at a time
 * (one engine each, each with its share of the memory); a failing photo is reported and the rest go on.
 * Results already there with the same settings are skipped, so a re-run continues.
 */
export async function runBatch(o: BatchOptions, base: StyleSettings): Promise<void> {
  const plan = await prepareBatch(o);
  const model = await loadModel(o.model);
  const settings = settingsFromOptions(o, base);
  const view = batchView(process.stderr, { quiet: o.quiet === true });
  const batch = new Batch(plan, view);
  const offInterrupt = stopOnInterrupt(() => {
    view.error((process.stderr.isTTY ? '\n' : '') + "pastiche: stopping after this iteration; each running photo's best image so far will be written (Ctrl-C again to quit without them)");
    batch.interrupt();
  }, EXIT.interrupted);
  let fatal: CliError | undefined;
  const parallel = { jobs: 0, threadsPerPhoto: 1 };
  try {
    view.say(`pastiche: ${plan.items.length} photo(s) from ${plan.inputDir} to ${plan.outDir}; ${o.backend} backend, model ${model.dir}`);
    if (plan.ignored.length > 0) view.say(`pastiche: ignoring ${plan.ignored.length} file(s) that are not images by their extension: ${plan.ignored.join(', ')}`);
    const jobs = await batch.check(o, settings);
    const cores = os.availableParallelism();
    const size = Math.min(o.jobs ?? cores, jobs.length);
    // Fewer photos at once than cores: each photo's steps are shared by worker threads, as stylize --threads.
    const threads = Math.max(1, Math.floor(cores / Math.max(size, 1)));
    if (size > 0 && !batch.interrupted) {
      Object.assign(parallel, { jobs: size, threadsPerPhoto: threads });
      view.say(`pastiche: painting ${jobs.length} photo(s), ${size} at a time${threads > 1 ? `, ${threads} threads each` : ''}`);
      ({ fatal } = await batch.paint(jobs, size, threads, workerSetup(o, model, settings, plan)));
    }
  } finally {
    offInterrupt();
    view.close();
  }
  const context = { input: plan.inputDir, out: plan.outDir, format: plan.format, ignored: plan.ignored, styles: o.style, backend: o.backend, model: model.dir, parallel, settings };
  finish(batchSummary(batch.items(), batch.interrupted, context), o, fatal);
}
