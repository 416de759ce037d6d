import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { VggNetwork, chooseLayers, loadVggWeights, memoryWeightsSource, type StyleTransferRun } from '../../app/index.js';
import type { ModelFiles } from '../../app/host/contract.js';
import { chooseBackend } from './backendChoice.js';
import { probeWebgl, startBackend, watchContextLoss } from './backendSetup.js';
import { backendFailure, describeFailure } from './failure.js';
import type { BackendPreference, EngineEvent, EngineRequest } from './protocol.js';
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

function post(event: EngineEvent, transfer: Transferable[] = []): void {
  scope.postMessage(event, transfer);
}

async function init(preference: BackendPreference): Promise<boolean> {
  // Probing WebGL costs seconds on a software renderer; a wasm preference needs no probe.
  const probe = preference === 'wasm' ? { webgl2: false, renderer: null } : probeWebgl();
  const choice = chooseBackend(preference, probe);
  try {
    await startBackend(choice.name);
  } catch (e) {
    post({ type: 'load-failed', failure: backendFailure(choice.name, e) });
    return false;
  }
  watchContextLoss(onContextLost);
  post({ type: 'backend', backend: { ...choice, gpu: probe.renderer } });
  return true;
}

/** The GPU context is gone: report it for the current run (or the engine), and accept no more work. */
function onContextLost(): void {
  const failure = describeFailure(new Error('WebGL context lost'));
  if (run) post({ type: 'failed', runId: run.id, failure, lastImage: null });
  else post({ type: 'load-failed', failure });
  run = null;
  network = null;
}

async function loadModel(model: ModelFiles): Promise<void> {
  if (!(await backendStarted)) return;
  try {
    const weights = await loadVggWeights(memoryWeightsSource(new Map(Object.entries(model)), 'the model'));
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
      backendStarted = init(request.backend);
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
    case 'inspect':
      inspectInWorker(network, request.requestId, request.request, post);
      break;
  }
});
