import * as tf from '@tensorflow/tfjs-core';
import { VggNetwork, type VggWeights } from '../../app/index.js';
import { trialWinner } from './backendChoice.js';
import { startBackend } from './backendSetup.js';
import type { GpuTrial } from './protocol.js';
import { timeStep } from './trialStep.js';

/** Starts `name`, times the step on it, and frees its network; null when it fails. */
async function timeBackend(name: 'webgpu' | 'webgl', weights: VggWeights): Promise<number | null> {
  let network: VggNetwork | null = null;
  try {
    await startBackend(name);
    network = VggNetwork.fromWeights(weights);
    return await timeStep(network);
  } catch {
    return null;
  } finally {
    network?.dispose();
  }
}

/**
 * The start-up measurement: the real step on WebGPU, then on WebGL, on this adapter. The loser's backend
 * is removed (its GPU memory freed); the caller starts the winner.
 */
export async function runGpuTrial(adapter: string, weights: VggWeights): Promise<GpuTrial> {
  const webgpuMs = await timeBackend('webgpu', weights);
  const webglMs = await timeBackend('webgl', weights);
  const trial = trialWinner(adapter, webgpuMs, webglMs);
  const loser = trial.winner === 'webgpu' ? 'webgl' : 'webgpu';
  if (tf.findBackend(loser)) tf.removeBackend(loser);
  return trial;
}
