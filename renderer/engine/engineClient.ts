import type { ModelFiles } from '../../app/host/contract.js';
import type { StyleSettings } from '../../app/index.js';
import type { InspectionRequest } from '../../app/inspect/layerInspection.js';
import { buffersOf, type BackendOptions, type BackendPreference, type EngineEvent, type EngineInputs, type EngineRequest } from './protocol.js';

/**
 * The UI side of the engine worker. One client, one worker; a new backend or a recovery after a lost GPU
 * context means a new client. Weights and pixels are transferred, not copied.
 */
export class EngineClient {
  private readonly worker: Worker;

  constructor(listener: (event: EngineEvent) => void) {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'pastiche-engine' });
    this.worker.addEventListener('message', (e: MessageEvent<EngineEvent>) => listener(e.data));
    this.worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      const detail = e.message || 'the engine script could not be loaded';
      listener({ type: 'load-failed', failure: { kind: 'backend', message: 'The style transfer engine could not start in this browser.', detail } });
    });
  }

  /** Starts a backend; can run while the host is still reading the weights. */
  init(backend: BackendPreference, options?: BackendOptions): void {
    this.send({ type: 'init', backend, ...(options ? { options } : {}) });
  }

  /** Hands over the weights (transferred: the caller's arrays become empty). */
  loadModel(model: ModelFiles): void {
    this.send({ type: 'model', model }, buffersOf(Object.values(model)));
  }

  run(runId: number, inputs: EngineInputs, settings: StyleSettings): void {
    const images = [inputs.content, ...inputs.styles, ...(inputs.initImage ? [inputs.initImage] : [])];
    const masks = [...(inputs.keepMask ? [inputs.keepMask] : []), ...(inputs.styleMasks ?? [])];
    this.send({ type: 'run', runId, inputs, settings }, buffersOf([...images, ...masks].map((i) => i.data)));
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  stop(): void {
    this.send({ type: 'stop' });
  }

  /** Asks for one layer's inspection; the answer is an 'inspection' or 'inspect-failed' event with this id. */
  inspect(requestId: number, request: InspectionRequest): void {
    this.send({ type: 'inspect', requestId, request });
  }

  dispose(): void {
    this.worker.terminate();
  }

  private send(request: EngineRequest, transfer: Transferable[] = []): void {
    this.worker.postMessage(request, transfer);
  }
}
