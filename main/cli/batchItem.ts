import path from 'node:path';
import type { VggNetwork } from '../../app/network/vgg.js';
import type { StyleSettings } from '../../app/run/settings.js';
import type { TileEngine } from '../../app/run/tileEngine.js';
import { RunError, type RunResult, type StyleTransferRun } from '../../app/run/styleTransferRun.js';
import type { OutputFormat } from '../node/image/outputFormat.js';
import { runMetadata, type RunInputNames, type RunMetadata } from '../node/metadata/runMetadata.js';
import type { BatchItem } from './batchItems.js';
import { outputState, type OutputState } from './batchOutputState.js';
import type { ItemReport } from './batchSummary.js';
import { CliError, EXIT } from './cliError.js';
import type { ProgressReporter } from './progressReporter.js';
import { readInputImages } from './readInputImages.js';
import { saveResult } from './saveResult.js';
import { createRun, runWithProgress } from './styleRun.js';

/** What every photo of a batch shares: its style setup and how results are written. */
export interface ItemSetup {
  modelDir: string;
  settings: StyleSettings;
  styles: readonly string[];
  format: OutputFormat;
  quality: number;
}

/** What painting a photo needs besides the setup: the engine, progress, and Ctrl-C. */
export interface PaintContext extends ItemSetup {
  network: VggNetwork;
  /** Engines in worker threads that share each step of the photo (none: this thread paints alone). */
  helpers: readonly TileEngine[];
  reporter: ProgressReporter;
  /** Called with the run while it goes (null after), so Ctrl-C can stop it; returns true when a stop was asked for already. */
  track(run: StyleTransferRun | null): boolean;
}

/** Before painting: either the photo's report already (skipped, refused), or paint it, replacing what is there or not. */
export type ItemStep = { report: ItemReport } | { overwrite: boolean };

const EXISTING: Partial<Record<OutputState, string>> = {
  different: 'was made with other settings or inputs',
  foreign: 'was not made by Pastiche (or its metadata cannot be read)',
};

const inputNames = (item: BatchItem, styles: readonly string[]): RunInputNames => ({ content: item.name, styles: styles.map((s) => path.basename(s)) });

/**
 * Whether a photo needs painting: skipped when its result is already there (same settings and inputs,
 * finished), refused when something else is there (unless `force`); otherwise painted, replacing
 * what is there with --force or when it is this setup's own result from a run stopped early.
 */
export async function checkItem(item: BatchItem, setup: { settings: StyleSettings; styles: readonly string[]; force: boolean }): Promise<ItemStep> {
  const state = await outputState(item.output, setup.settings, inputNames(item, setup.styles));
  const report = (status: ItemReport['status'], message: string) => ({ report: { input: item.name, output: item.output, status, message } });
  if (state === 'done' && !setup.force) return report('skipped', `already done (${path.basename(item.output)})`);
  const existing = EXISTING[state];
  if (existing && !setup.force) return report('failed', `${item.output} already exists and ${existing}; pass --force to replace it`);
  return { overwrite: state !== 'absent' };
}

/** Runs one photo; a RunError still writes the last preview (marked unfinished), so its minutes are not lost. */
async function optimise(run: StyleTransferRun, item: BatchItem, reporter: ProgressReporter, save: (img: RunResult['image'], finished: boolean) => Promise<void>): Promise<RunResult> {
  try {
    return await runWithProgress(run, reporter);
  } catch (e) {
    if (!(e instanceof RunError)) throw e;
    if (!e.lastImage) throw new CliError(e.message, EXIT.failure);
    await save(e.lastImage, false);
    throw new CliError(`${e.message}; the last preview was written to ${item.output}`, EXIT.failure);
  }
}

async function stylizeItem(item: BatchItem, overwrite: boolean, ctx: PaintContext): Promise<ItemReport> {
  const { settings } = ctx;
  const inputs = await readInputImages({ content: item.input, styles: ctx.styles }, { size: settings.size, styleScale: settings.styleScale });
  const run = createRun(ctx.network, inputs, settings);
  run.shareWith(ctx.helpers);
  const metadata: RunMetadata = runMetadata({ settings, model: { location: ctx.modelDir, layers: run.layers }, inputs: inputNames(item, ctx.styles) });
  const save = (img: RunResult['image'], finished: boolean) =>
    saveResult(img, item.output, { format: ctx.format, quality: ctx.quality, overwrite, metadata: finished ? metadata : { ...metadata, stopped: true } });
  // Ctrl-C while the photo was being read: the run stops at once and its starting image is written.
  if (ctx.track(run)) void run.stop();
  let result: RunResult;
  try {
    result = await optimise(run, item, ctx.reporter, save);
  } finally {
    ctx.track(null);
  }
  await save(result.image, !result.stopped);
  return { input: item.name, output: item.output, status: result.stopped ? 'stopped' : 'done', iterations: result.iterations, seconds: Number(result.seconds.toFixed(3)) };
}

/**
 * Paints one photo (after checkItem) and writes it atomically. Problems with the photo are this item's
 * failure; a problem writing the output is thrown, since every later item would meet it too.
 */
export async function paintItem(item: BatchItem, overwrite: boolean, ctx: PaintContext): Promise<ItemReport> {
  try {
    return await stylizeItem(item, overwrite, ctx);
  } catch (e) {
    if (e instanceof CliError && e.exitCode !== EXIT.output) return { input: item.name, output: item.output, status: 'failed', message: e.message };
    throw e;
  }
}
