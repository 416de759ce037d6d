import { VggNetwork } from '../../app/network/vgg.js';
import type { StyleSettings } from '../../app/run/settings.js';
import type { StyleTransferRun } from '../../app/run/styleTransferRun.js';
import { processItem, type ItemContext } from './batchItem.js';
import type { BatchItem } from './batchItems.js';
import type { BatchOptions } from './batchOptions.js';
import { prepareBatch, type BatchPlan } from './batchPreflight.js';
import { batchSummary, summaryLine, type BatchSummary, type ItemReport } from './batchSummary.js';
import { CliError, EXIT } from './cliError.js';
import { loadModel } from './loadModel.js';
import { settingsFromOptions } from './settingsFromOptions.js';
import { stopOnInterrupt } from './stopOnInterrupt.js';
import { startBackend } from './styleRun.js';

/** Ctrl-C for the whole batch: the first stops the current photo's run (its best image is written) and starts no other. */
class BatchControl {
  stopping = false;
  #current: StyleTransferRun | null = null;

  track = (run: StyleTransferRun | null): boolean => {
    this.#current = run;
    return this.stopping;
  };

  stop(): void {
    this.stopping = true;
    void this.#current?.stop();
  }
}

function say(o: BatchOptions, line: string): void {
  if (!o.quiet) process.stderr.write(`${line}\n`);
}

function reportItem(o: BatchOptions, r: ItemReport, tag: string): void {
  if (r.status === 'failed') process.stderr.write(`pastiche: ${tag} failed: ${r.message}\n`);
  else if (r.status === 'skipped') say(o, `${tag} skipped: ${r.message}`);
}

/** Runs the photos in order; an output problem (every later photo would meet it) ends the batch. */
async function processAll(plan: BatchPlan, o: BatchOptions, ctx: ItemContext, control: BatchControl): Promise<{ reports: ItemReport[]; fatal?: CliError }> {
  const reports: ItemReport[] = [];
  const notStarted = (item: BatchItem): ItemReport => ({ input: item.name, output: item.output, status: 'not started' });
  let fatal: CliError | undefined;
  for (const [i, item] of plan.items.entries()) {
    if (control.stopping || fatal) {
      reports.push(notStarted(item));
      continue;
    }
    const tag = `[${i + 1}/${plan.items.length}] ${item.name}`;
    try {
      const report = await processItem(item, ctx, () => say(o, tag));
      reportItem(o, report, tag);
      reports.push(report);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      fatal = e;
      reports.push({ input: item.name, output: item.output, status: 'failed', message: e.message });
    }
  }
  return { reports, fatal };
}

/** The closing output: the JSON summary, then one line, on stderr or as the error that sets the exit code. */
function finish(summary: BatchSummary, o: BatchOptions, fatal?: CliError): void {
  if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  const line = summaryLine(summary);
  if (fatal) throw new CliError(`${fatal.message}; ${line}`, fatal.exitCode);
  if (summary.interrupted) throw new CliError(`${line}; run the same command again to continue`, EXIT.interrupted);
  if (summary.failed > 0) throw new CliError(line, EXIT.failure);
  say(o, `pastiche: ${line}`);
}

/**
 * `pastiche batch`: one style setup over every photo in a folder. Checks the folders, photos' names and
 * style images first, loads the model once, then runs the photos one by one; a failing photo is reported
 * and the rest go on. Results already there with the same settings are skipped, so a re-run continues.
 */
export async function runBatch(o: BatchOptions, base: StyleSettings): Promise<void> {
  const plan = await prepareBatch(o);
  const model = await loadModel(o.model);
  await startBackend(o.backend);
  const network = VggNetwork.fromWeights(model.weights);
  const settings = settingsFromOptions(o, base);
  const control = new BatchControl();
  const offInterrupt = stopOnInterrupt(() => {
    process.stderr.write((process.stderr.isTTY ? '\n' : '') + 'pastiche: stopping after this iteration; the current photo\'s best image so far will be written (Ctrl-C again to quit without it)\n');
    control.stop();
  }, EXIT.interrupted);
  let outcome: Awaited<ReturnType<typeof processAll>>;
  try {
    say(o, `pastiche: ${plan.items.length} photo(s) from ${plan.inputDir} to ${plan.outDir}; ${o.backend} backend, model ${model.dir}`);
    if (plan.ignored.length > 0) say(o, `pastiche: ignoring ${plan.ignored.length} file(s) that are not images by their extension: ${plan.ignored.join(', ')}`);
    const ctx: ItemContext = { network, modelDir: model.dir, settings, styles: o.style, format: plan.format, quality: o.quality, force: o.force === true, quiet: o.quiet === true, track: control.track };
    outcome = await processAll(plan, o, ctx, control);
  } finally {
    offInterrupt();
    network.dispose();
  }
  const context = { input: plan.inputDir, out: plan.outDir, format: plan.format, ignored: plan.ignored, styles: o.style, backend: o.backend, model: model.dir, settings };
  finish(batchSummary(outcome.reports, control.stopping, context), o, outcome.fatal);
}
