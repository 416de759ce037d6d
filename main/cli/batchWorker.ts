import { parentPort, workerData } from 'node:worker_threads';
import { shareBackendMemory } from '../../app/network/passMemory.js';
import { VggNetwork } from '../../app/network/vgg.js';
import type { TileEngine } from '../../app/run/tileEngine.js';
import { startTileEngines } from '../node/tiles/workerTileEngine.js';
import type { StyleTransferRun } from '../../app/run/styleTransferRun.js';
import { paintItem, type PaintContext } from './batchItem.js';
import type { FromWorker, ToWorker, WorkerSetup } from './batchMessages.js';
import { CliError } from './cliError.js';
import { startBackend } from './styleRun.js';

// One engine of `pastiche batch --jobs N`: a worker thread with its own TensorFlow.js and wasm heap that
// paints the photos it is sent, one at a time, and posts their progress and reports (batchMessages.ts).

const setup = workerData as WorkerSetup;
const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

let stopping = false;
let current: StyleTransferRun | null = null;

interface Engine {
  network: VggNetwork;
  helpers: TileEngine[];
}

/** This thread's engine, and the worker threads that share its photos' steps (fewer photos than cores). */
async function startEngine(): Promise<Engine | null> {
  try {
    const helpers = setup.threads > 1 ? startTileEngines(setup.threads, { backend: setup.backend, weights: setup.weights }) : Promise.resolve([]);
    helpers.catch(() => undefined);
    await startBackend(setup.backend);
    shareBackendMemory(setup.memoryShare);
    return { network: VggNetwork.fromWeights(setup.weights), helpers: await helpers };
  } catch (e) {
    post({ type: 'broken', message: (e as Error).message });
    return null;
  }
}

const engine = startEngine();

async function paint(job: Extract<ToWorker, { type: 'paint' }>): Promise<void> {
  const started = await engine;
  if (!started) return;
  const { index } = job;
  const ctx: PaintContext = {
    ...setup,
    ...started,
    reporter: { update: (progress) => setup.progress && post({ type: 'progress', index, progress }), stop() {} },
    track: (run) => {
      current = run;
      return stopping;
    },
  };
  try {
    post({ type: 'done', index, report: await paintItem(job.item, job.overwrite, ctx) });
  } catch (e) {
    // Anything else is not expected: left uncaught, it ends this worker and the batch reports the photo as failed.
    if (!(e instanceof CliError)) throw e;
    post({ type: 'fatal', index, message: e.message, exitCode: e.exitCode });
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'paint') {
    void paint(message);
    return;
  }
  stopping = true;
  void current?.stop();
});
