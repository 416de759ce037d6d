import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import * as tf from '@tensorflow/tfjs-core';
import { VggNetwork, chooseLayers, loadVggWeights, memoryWeightsSource, type StyleTransferRun, type VggWeights } from '../../app/index.js';
import type { ModelFiles } from '../../app/host/contract.js';
import { startEngineBackend } from './backendStart.js';
import { watchContextLoss } from './backendSetup.js';
import { backendFailure, describeFailure } from './failure.js';
import type { BackendOptions, BackendPreference, EngineEvent, EngineRequest } from './protocol.js';
import { startWorkerRun } from './workerRun.js';
import { inspectInWorker } from './workerInspect.js';

interface WorkerScope {
  postMessage(message: EngineEvent, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineRequest>) => void): void;
}

/** The engine worker: owns TensorFlow.js, the network and at most one run at a time. */
const scope = self as unknown as WorkerScope;
let backendStarted: Promise<boolean> = Promise.resolve(false);
let network: VggNetwork | null = null;
let run: { id: number; run: StyleTransferRun } | null = null;
/** The decoded weights, for the start-up GPU trial, which needs them before the backend is chosen. */
let weightsArrived: (weights: VggWeights) => void = () => undefined;
const weightsReady = new Promise<VggWeights>((resolve) => (weightsArrived = resolve));

function post(event: EngineEvent, transfer: Transferable[] = []): void {
  scope.postMessage(event, transfer);
}

async function init(preference: BackendPreference, options: BackendOptions = { threads: 0, trials: {} }): Promise<boolean> {
  try {
    const backend = await startEngineBackend(preference, options, { weights: () => weightsReady, trialed: (trial) => post({ type: 'trial', trial }) });
    watchContextLoss(onContextLost);
    post({ type: 'backend', backend });
    return true;
  } catch (e) {
    // Every order ends with wasm, so the error is WebAssembly's.
    post({ type: 'load-failed', failure: backendFailure('wasm', e) });
    return false;
  }
}

/** The GPU context is gone: report it for the current run (or the engine), and accept no more work. */
function onContextLost(what = 'WebGL context lost'): void {
  const failure = describeFailure(new Error(what));
  if (run) post({ type: 'failed', runId: run.id, failure, lastImage: null });
  else post({ type: 'load-failed', failure });
  run = null;
  network = null;
}

async function loadModel(model: ModelFiles): Promise<void> {
  try {
    const weights = await loadVggWeights(memoryWeightsSource(new Map(Object.entries(model)), 'the model'));
    weightsArrived(weights);
    if (!(await backendStarted)) return;
    network?.dispose();
    network = VggNetwork.fromWeights(weights);
    post({ type: 'loaded', layers: chooseLayers(network.available), available: network.available });
  } catch (e) {
    post({ type: 'load-failed', failure: describeFailure(e) });
  }
}

function startRun(request: Extract<EngineRequest, { type: 'run' }>): void {
  if (!network) {
    const failure = { kind: 'model' as const, message: 'The model is not loaded yet.', detail: 'run before the weights were loaded' };
    post({ type: 'failed', runId: request.runId, failure, lastImage: null });
    return;
  }
  const started = startWorkerRun(network, request.runId, request.inputs, request.settings, post);
  run = started ? { id: request.runId, run: started } : null;
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  switch (request.type) {
    case 'init':
      backendStarted = init(request.backend, request.options);
      break;
    case 'model':
      void loadModel(request.model);
      break;
    case 'run':
      startRun(request);
      break;
    case 'pause':
      run?.run.pause();
      break;
    case 'resume':
      run?.run.resume();
      break;
    case 'stop':
      void run?.run.stop().catch(() => undefined);
      break;
    case 'memory':
      post({ type: 'memory', numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes });
      break;
    case 'inspect':
      inspectInWorker(network, request.requestId, request.request, post);
      break;
  }
});
