import os from 'node:os';
import path from 'node:path';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { VggNetwork } from '../../app/network/vgg.js';
import type { StyleSettings } from '../../app/run/settings.js';
import { RunError, type StyleTransferRun, type RunResult } from '../../app/run/styleTransferRun.js';
import type { VggWeights } from '../../app/weights/loadVggWeights.js';
import { startTileEngines, type WorkerTileEngine } from '../node/tiles/workerTileEngine.js';
import { checkOutputPath } from '../node/fs/checkOutputPath.js';
import { OutputFileError } from '../node/fs/outputFileError.js';
import { formatFromPath, type OutputFormat } from '../node/image/outputFormat.js';
import { runMetadata, type RunInputNames } from '../node/metadata/runMetadata.js';
import { CliError, EXIT } from './cliError.js';
import { formatDuration } from './formatDuration.js';
import { loadModel } from './loadModel.js';
import { progressReporter } from './progressReporter.js';
import { readInputImages } from './readInputImages.js';
import { runSummary, type RunSummary } from './runSummary.js';
import { saveResult } from './saveResult.js';
import { settingsFromOptions } from './settingsFromOptions.js';
import { stopOnInterrupt } from './stopOnInterrupt.js';
import { createRun, describeLayers, runWithProgress, startBackend } from './styleRun.js';
import type { StylizeOptions } from './stylizeOptions.js';

/** The input files, so the result never replaces one of them (even with --force: that is always a slip). */
function inputFiles(o: StylizeOptions): string[] {
  return [o.content, ...o.style, ...(o.styleMask ?? []), o.keepMask, o.initImage].filter((f): f is string => f !== undefined);
}

/** The output's format and a writable place for it, checked before any long work. */
async function checkOutput(out: string, force: boolean, inputs: readonly string[]): Promise<OutputFormat> {
  if (inputs.some((f) => path.resolve(f) === out)) throw new CliError(`--out ${out} is one of the input images; choose another file name`, EXIT.output);
  let format: OutputFormat;
  try {
    format = formatFromPath(out);
  } catch (e) {
    throw new CliError(`--out ${(e as Error).message}`, EXIT.output);
  }
  try {
    await checkOutputPath(out, { overwrite: force });
  } catch (e) {
    if (!(e instanceof OutputFileError)) throw e;
    const advice = e.problem === 'exists' ? '; pass --force to replace it' : '';
    throw new CliError(`${e.message}${advice}`, EXIT.output);
  }
  return format;
}

/** The input files by name only, for the result's metadata. */
function inputNames(o: StylizeOptions): RunInputNames {
  const name = (f: string | undefined) => (f === undefined ? undefined : path.basename(f));
  return {
    content: path.basename(o.content),
    styles: o.style.map((f) => path.basename(f)),
    keepMask: name(o.keepMask),
    styleMasks: o.styleMask?.map((f) => path.basename(f)),
    initImage: name(o.initImage),
  };
}

/** Writes what a failed run had reached, so minutes of work are not lost, then reports the failure. */
async function saveAfterFailure(e: RunError, out: string, save: (img: RgbaImage, finished: boolean) => Promise<void>): Promise<never> {
  if (!e.lastImage) throw new CliError(e.message, EXIT.failure);
  await save(e.lastImage, false);
  const { width, height } = e.lastImage;
  throw new CliError(`${e.message}; the last preview (${width}×${height}) was written to ${out}`, EXIT.failure);
}

/** Runs with progress output and Ctrl-C handling; `announce` is called once the handler is in place. */
async function optimise(run: StyleTransferRun, o: StylizeOptions, announce: () => void): Promise<RunResult> {
  const reporter = progressReporter(process.stderr, { quiet: o.quiet === true });
  const offInterrupt = stopOnInterrupt(() => {
    reporter.stop();
    process.stderr.write('pastiche: stopping after this iteration to write the best image so far (Ctrl-C again to quit without it)\n');
    void run.stop();
  }, EXIT.interrupted);
  try {
    announce();
    return await runWithProgress(run, reporter);
  } finally {
    offInterrupt();
  }
}

const threadCount = (o: StylizeOptions) => o.threads ?? os.availableParallelism();

function threadsOf(o: StylizeOptions): string {
  const n = threadCount(o);
  return n === 1 ? '1 thread' : `${n} worker threads`;
}

function announcer(run: StyleTransferRun, o: StylizeOptions, modelDir: string): () => void {
  return () => {
    if (o.quiet) return;
    process.stderr.write(`pastiche: ${o.backend} backend, ${threadsOf(o)}, model ${modelDir} (layers: ${describeLayers(run)})\n`);
  };
}

/** The closing output: the JSON summary on stdout, a line on stderr; an interrupted run exits with 130. */
function report(result: RunResult, summary: RunSummary, o: StylizeOptions): void {
  if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  const what = `${summary.output} (${summary.width}×${summary.height}, ${result.iterations} iterations in ${formatDuration(result.seconds)})`;
  if (result.stopped) throw new CliError(`interrupted: the best image so far was written to ${what}`, EXIT.interrupted);
  if (!o.quiet) process.stderr.write(`pastiche: wrote ${what}\n`);
}

/**
 * `pastiche stylize`: checks the output path, the images and the model (fast, so mistakes show in
 * seconds, not after the run), then runs the style transfer and writes the result atomically.
 */
export async function runStylize(o: StylizeOptions, base: StyleSettings): Promise<void> {
  const out = path.resolve(o.out);
  const format = await checkOutput(out, o.force === true, inputFiles(o));
  const inputs = await readInputImages(
    { content: o.content, styles: o.style, keepMask: o.keepMask, styleMasks: o.styleMask, initImage: o.initImage },
    { size: o.size, styleScale: o.styleScale },
  );
  const model = await loadModel(o.model);
  // The worker threads start (loading TensorFlow.js and the weights) while this thread does the same.
  const helpers = startHelpers(o, model.weights);
  helpers.catch(() => undefined);
  try {
    await startBackend(o.backend);
    const network = VggNetwork.fromWeights(model.weights);
    try {
      const run = createRun(network, inputs, settingsFromOptions(o, base));
      run.shareWith(await helpers);
      await paint(run, o, { out, format, model: model.dir });
    } finally {
      network.dispose();
    }
  } finally {
    const engines = await helpers.catch(() => []);
    await Promise.all(engines.map((e) => e.close()));
  }
}

/** Runs, writes the result (or what a failed run reached) and reports. */
async function paint(run: StyleTransferRun, o: StylizeOptions, to: { out: string; format: OutputFormat; model: string }): Promise<void> {
  const { out, format } = to;
  const settings = run.settings;
  const metadata = runMetadata({ settings, model: { location: to.model, layers: run.layers }, inputs: inputNames(o) });
  const save = (img: RgbaImage, finished: boolean) =>
    saveResult(img, out, { format, quality: o.quality, overwrite: o.force === true, metadata: finished ? metadata : { ...metadata, stopped: true } });
  const result = await optimise(run, o, announcer(run, o, to.model)).catch((e: unknown) =>
    e instanceof RunError ? saveAfterFailure(e, out, save) : Promise.reject(e),
  );
  await save(result.image, !result.stopped);
  const context = { output: out, format, backend: o.backend, threads: threadCount(o), model: to.model, settings, schedule: run.schedule };
  const files = { content: path.resolve(o.content), styles: o.style.map((s) => path.resolve(s)) };
  report(result, runSummary(result, { ...context, ...files }), o);
}

/** The worker threads that share each step; one that cannot start is a failure that names the way out. */
async function startHelpers(o: StylizeOptions, weights: VggWeights): Promise<WorkerTileEngine[]> {
  const threads = threadCount(o);
  if (threads === 1) return [];
  try {
    return await startTileEngines(threads, { backend: o.backend, weights });
  } catch (e) {
    throw new CliError(`${(e as Error).message}; try --threads 1`, EXIT.failure);
  }
}
