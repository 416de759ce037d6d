import { StyleTransferRun, RunError, type VggNetwork } from '../../app/index.js';
import { describeFailure } from './failure.js';
import { detachedCopy, type EngineEvent, type EngineInputs } from './protocol.js';
import type { StyleSettings } from '../../app/index.js';

export type Post = (event: EngineEvent, transfer?: Transferable[]) => void;

/**
 * One run inside the worker: creates the engine's StyleTransferRun and forwards its events as messages.
 * Pixels are copied before transfer so the engine keeps its own last good image.
 */
export function startWorkerRun(network: VggNetwork, runId: number, inputs: EngineInputs, settings: StyleSettings, post: Post): StyleTransferRun | null {
  let run: StyleTransferRun;
  try {
    run = new StyleTransferRun(network, inputs, settings);
  } catch (e) {
    post({ type: 'failed', runId, failure: describeFailure(e), lastImage: null });
    return null;
  }
  run.on('state', (state) => post({ type: 'state', runId, state }));
  run.on('progress', (progress) => post({ type: 'progress', runId, progress }));
  run.on('preview', (frame) => {
    const image = detachedCopy(frame.image);
    post({ type: 'preview', runId, image, iteration: frame.iteration, scaleIndex: frame.scaleIndex }, [image.data.buffer as ArrayBuffer]);
  });
  run.start().then(
    (result) => {
      const image = detachedCopy(result.image);
      const outcome = { image, costs: result.costs, iterations: result.iterations, seconds: result.seconds, stopped: result.stopped };
      post({ type: 'done', runId, outcome }, [image.data.buffer as ArrayBuffer]);
    },
    (e: unknown) => {
      const last = e instanceof RunError && e.lastImage ? detachedCopy(e.lastImage) : null;
      post({ type: 'failed', runId, failure: describeFailure(e), lastImage: last }, last ? [last.data.buffer as ArrayBuffer] : []);
    },
  );
  return run;
}
