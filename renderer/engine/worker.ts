import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import { VggNetwork, chooseLayers, loadVggWeights, memoryWeightsSource, type StyleTransferRun } from '../../app/index.js';
import type { ModelFiles } from '../../app/host/contract.js';
import { chooseBackend } from './backendChoice.js';
import { probeWebgl, startBackend } from './backendSetup.js';
import { backendFailure, describeFailure } from './failure.js';
import type { BackendPreference, EngineEvent, EngineRequest } from './protocol.js';
import { startWorkerRun } from './workerRun.js';

interface WorkerScope {
  postMessage(message: EngineEvent, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineRequest>) => void): void;
}

/** The engine worker: owns TensorFlow.js, the network and at most one run at a time. */
const scope = self as unknown as WorkerScope;
let backendStarted: Promise<boolean> = Promise.resolve(false);
let network: VggNetwork | null = null;
let run: StyleTransferRun | null = null;

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
  post({ type: 'backend', backend: { ...choice, gpu: probe.renderer } });
  return true;
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
  run = startWorkerRun(network, request.runId, request.inputs, request.settings, post);
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
      run?.pause();
      break;
    case 'resume':
      run?.resume();
      break;
    case 'stop':
      void run?.stop().catch(() => undefined);
      break;
  }
});
