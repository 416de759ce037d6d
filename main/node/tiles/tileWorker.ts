import { parentPort, workerData } from 'node:worker_threads';
import { VggNetwork } from '../../../app/network/vgg.js';
import { LocalTileEngine } from '../../../app/run/localTileEngine.js';
import type { TileEngine } from '../../../app/run/tileEngine.js';
import { useBackend } from '../tfBackend.js';
import type { TileAnswer, TileCall, TileWorkerReady, TileWorkerSetup } from './tileMessages.js';

// A worker thread with its own TensorFlow.js, wasm heap and copy of the weights that paints one strip of a
// picture for a run on the main thread (workerTileEngine.ts is the other side).

const setup = workerData as TileWorkerSetup;
const port = parentPort!;

async function startEngine(): Promise<TileEngine | null> {
  try {
    await useBackend(setup.backend);
  } catch (e) {
    port.postMessage({ id: 0, ready: true, failed: (e as Error).message } satisfies TileWorkerReady);
    return null;
  }
  port.postMessage({ id: 0, ready: true } satisfies TileWorkerReady);
  return new LocalTileEngine(VggNetwork.fromWeights(setup.weights));
}

const engine = startEngine();
// One call at a time, in order: each waits for the one before.
let queue: Promise<unknown> = Promise.resolve();

port.on('message', (call: TileCall) => {
  queue = queue.then(async () => {
    const e = await engine;
    if (!e) return;
    let answer: TileAnswer;
    try {
      const value = await (e[call.method] as (a: unknown) => Promise<unknown>).call(e, call.argument);
      answer = { id: call.id, ok: true, value };
    } catch (error) {
      answer = { id: call.id, ok: false, message: (error as Error).message };
    }
    port.postMessage(answer);
  });
});
