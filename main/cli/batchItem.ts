import path from 'node:path';
import type { VggNetwork } from '../../app/network/vgg.js';
import type { StyleSettings } from '../../app/run/settings.js';
import { RunError, type RunResult, type StyleTransferRun } from '../../app/run/styleTransferRun.js';
import type { OutputFormat } from '../node/image/outputFormat.js';
import { runMetadata, type RunInputNames, type RunMetadata } from '../node/metadata/runMetadata.js';
import type { BatchItem } from './batchItems.js';
import { outputState, type OutputState } from './batchOutputState.js';
import type { ItemReport } from './batchSummary.js';
import { CliError, EXIT } from './cliError.js';
import { progressReporter } from './progressReporter.js';
import { readInputImages } from './readInputImages.js';
import { saveResult } from './saveResult.js';
import { createRun, runWithProgress } from './styleRun.js';

export interface ItemContext {
  network: VggNetwork;
  modelDir: string;
  settings: StyleSettings;
  styles: readonly string[];
  format: OutputFormat;
  quality: number;
  force: boolean;
  quiet: boolean;
  /** Called with the run while it goes (null after), so Ctrl-C can stop it; returns true when a stop was asked for already. */
  track(run: StyleTransferRun | null): boolean;
}

const EXISTING: Partial<Record<OutputState, string>> = {
  different: 'was made with other settings or inputs',
  foreign: 'was not made by Pastiche (or its metadata cannot be read)',
};

/** Runs one photo; a RunError still writes the last preview (marked unfinished), so its minutes are not lost. */
async function optimise(run: StyleTransferRun, item: BatchItem, quiet: boolean, save: (img: RunResult['image'], finished: boolean) => Promise<void>): Promise<RunResult> {
  try {
    return await runWithProgress(run, progressReporter(process.stderr, { quiet }));
  } catch (e) {
    if (!(e instanceof RunError)) throw e;
    if (!e.lastImage) throw new CliError(e.message, EXIT.failure);
    await save(e.lastImage, false);
    throw new CliError(`${e.message}; the last preview was written to ${item.output}`, EXIT.failure);
  }
}

async function stylizeItem(item: BatchItem, names: RunInputNames, overwrite: boolean, ctx: ItemContext): Promise<ItemReport> {
  const { settings } = ctx;
  const inputs = await readInputImages({ content: item.input, styles: ctx.styles }, { size: settings.size, styleScale: settings.styleScale });
  const run = createRun(ctx.network, inputs, settings);
  const metadata: RunMetadata = runMetadata({ settings, model: { location: ctx.modelDir, layers: run.layers }, inputs: names });
  const save = (img: RunResult['image'], finished: boolean) =>
    saveResult(img, item.output, { format: ctx.format, quality: ctx.quality, overwrite, metadata: finished ? metadata : { ...metadata, stopped: true } });
  // Ctrl-C while the photo was being read: the run stops at once and its starting image is written.
  if (ctx.track(run)) void run.stop();
  let result: RunResult;
  try {
    result = await optimise(run, item, ctx.quiet, save);
  } finally {
    ctx.track(null);
  }
  await save(result.image, !result.stopped);
  return { input: item.name, output: item.output, status: result.stopped ? 'stopped' : 'done', iterations: result.iterations, seconds: Number(result.seconds.toFixed(3)) };
}

/**
 * One photo of a batch: skipped when its result is already there (same settings and inputs, finished),
 * refused when something else is there (unless --force), otherwise run and written atomically. Problems
 * with the photo are this item's failure; a problem writing the output is thrown, since every later item
 * would meet it too.
 */
export async function processItem(item: BatchItem, ctx: ItemContext, onStart: () => void): Promise<ItemReport> {
  const names: RunInputNames = { content: item.name, styles: ctx.styles.map((s) => path.basename(s)) };
  const state = await outputState(item.output, ctx.settings, names);
  const report = (status: ItemReport['status'], message: string): ItemReport => ({ input: item.name, output: item.output, status, message });
  if (state === 'done' && !ctx.force) return report('skipped', `already done (${path.basename(item.output)})`);
  const existing = EXISTING[state];
  if (existing && !ctx.force) return report('failed', `${item.output} already exists and ${existing}; pass --force to replace it`);
  onStart();
  try {
    // Replaced: with --force, or this setup's own result from a run stopped early.
    return await stylizeItem(item, names, state !== 'absent', ctx);
  } catch (e) {
    if (e instanceof CliError && e.exitCode !== EXIT.output) return report('failed', e.message);
    throw e;
  }
}
