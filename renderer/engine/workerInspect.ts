import type { VggNetwork } from '../../app/index.js';
import { inspectLayer, type InspectionRequest } from '../../app/inspect/layerInspection.js';
import type { Post } from './workerRun.js';

/**
 * Answers the layer inspector inside the worker. It runs between two iterations of a run (the run yields
 * after each), so the studio decides how often to ask during a run.
 */
export function inspectInWorker(network: VggNetwork | null, requestId: number, request: InspectionRequest, post: Post): void {
  if (!network) return post({ type: 'inspect-failed', requestId, message: 'The model is not loaded yet.' });
  const started = performance.now();
  try {
    const inspection = inspectLayer(network, request);
    post({ type: 'inspection', requestId, inspection, seconds: (performance.now() - started) / 1000 });
  } catch (e) {
    post({ type: 'inspect-failed', requestId, message: e instanceof Error ? e.message : String(e) });
  }
}
