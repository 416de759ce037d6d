import type { VggNetwork } from '../../app/network/vgg.js';
import type { StyleSettings } from '../../app/run/settings.js';
import { StyleTransferRun, type RunInputs, type RunResult } from '../../app/run/styleTransferRun.js';
import type { NodeBackend } from '../node/tfBackend.js';
import { CliError, EXIT } from './cliError.js';
import type { ProgressReporter } from './progressReporter.js';

// The steps every CLI command takes to run a style transfer: start the backend, set up the run, run it
// while reporting progress.

export async function startBackend(name: NodeBackend): Promise<void> {
  try {
    // Loaded only now: TensorFlow.js takes a noticeable part of a second, which bad input should not wait for.
    const { useBackend } = await import('../node/tfBackend.js');
    await useBackend(name);
  } catch (e) {
    const other = name === 'wasm' ? '; try --backend cpu' : '';
    throw new CliError(`the ${name} backend could not start (${(e as Error).message})${other}`, EXIT.failure);
  }
}

/** A run over these inputs; inputs or settings the engine refuses are an input error. */
export function createRun(network: VggNetwork, inputs: RunInputs, settings: StyleSettings): StyleTransferRun {
  try {
    return new StyleTransferRun(network, inputs, settings);
  } catch (e) {
    const message = (e as Error).message;
    // The model decides how many style layers there are, so only here can the flag's count be checked.
    const flag = /style layer weight/.test(message) ? '--style-layer-weights: ' : '';
    throw new CliError(`cannot start the run: ${flag}${message}`, EXIT.input);
  }
}

/** Runs to the end (or until stopped), feeding `reporter` each progress event. */
export async function runWithProgress(run: StyleTransferRun, reporter: ProgressReporter): Promise<RunResult> {
  const offProgress = run.on('progress', (p) => reporter.update(p));
  try {
    return await run.start();
  } finally {
    reporter.stop();
    offProgress();
  }
}

/** The model's layers as the announcement line shows them. */
export function describeLayers(run: StyleTransferRun): string {
  return `content ${run.layers.content.join(', ')}; style ${run.layers.style.join(', ')}`;
}
