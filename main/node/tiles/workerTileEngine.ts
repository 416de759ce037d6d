import type { Worker } from 'node:worker_threads';
import type { TileEngine } from '../../../app/run/tileEngine.js';
import type { Block, TileGramSums, TileGradient, TileJob, TileReady, TileSetup, TileSlopes, TileSums } from '../../../app/run/tileTask.js';
import { siblingModule, startWorker } from '../worker/startWorker.js';
import type { TileAnswer, TileCall, TileWorkerReady, TileWorkerSetup } from './tileMessages.js';

/** A TileEngine in a worker thread (tileWorker.ts). If the thread fails or ends, every call rejects, saying so. */
export class WorkerTileEngine implements TileEngine {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #broken: Error | null = null;
  readonly started: Promise<void>;

  constructor(setup: TileWorkerSetup) {
    this.#worker = startWorker(siblingModule(import.meta.url, 'tileWorker'), { workerData: setup });
    this.started = new Promise((resolve, reject) => {
      const onReady = (m: TileWorkerReady | TileAnswer) => {
        if (!('ready' in m)) return;
        this.#worker.off('message', onReady);
        if (m.failed) reject(this.#fail(`a worker thread's engine could not start: ${m.failed}`));
        else resolve();
      };
      this.#worker.on('message', onReady);
      this.#worker.once('error', (e) => reject(this.#fail(`a worker thread painting part of the picture failed: ${e.message}`)));
      this.#worker.once('exit', (code) => reject(this.#fail(`a worker thread painting part of the picture stopped (exit code ${code})`)));
    });
    this.#worker.on('message', (m: TileAnswer | TileWorkerReady) => this.#answer(m));
  }

  #fail(message: string): Error {
    this.#broken ??= new Error(message);
    for (const p of this.#pending.values()) p.reject(this.#broken);
    this.#pending.clear();
    return this.#broken;
  }

  #answer(m: TileAnswer | TileWorkerReady): void {
    if ('ready' in m) return;
    const p = this.#pending.get(m.id);
    if (!p) return;
    this.#pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(m.message));
  }

  #call<T>(method: TileCall['method'], argument: unknown): Promise<T> {
    if (this.#broken) return Promise.reject(this.#broken);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ id, method, argument } satisfies TileCall);
    });
  }

  setUp(setup: TileSetup): Promise<TileReady> {
    return this.#call('setUp', setup);
  }

  forward(window: Block): Promise<TileGramSums> {
    return this.#call('forward', window);
  }

  backward(slopes: TileSlopes): Promise<TileGradient> {
    return this.#call('backward', slopes);
  }

  tearDown(): Promise<void> {
    return this.#call('tearDown', undefined);
  }

  sumTile(job: TileJob): Promise<TileSums> {
    return this.#call('sumTile', job);
  }

  tileEnergy(job: TileJob): Promise<number> {
    return this.#call('tileEnergy', job);
  }

  tileGradient(job: TileJob & { slopes: TileSlopes }): Promise<TileGradient> {
    return this.#call('tileGradient', job);
  }

  /** Ends the thread; calls still pending reject. */
  async close(): Promise<void> {
    this.#fail('the worker threads were closed');
    await this.#worker.terminate();
  }
}

/** `count` engines in worker threads, once all have started (none are left running if one cannot start). */
export async function startTileEngines(count: number, setup: TileWorkerSetup): Promise<WorkerTileEngine[]> {
  const engines = Array.from({ length: count }, () => new WorkerTileEngine(setup));
  try {
    await Promise.all(engines.map((e) => e.started));
    return engines;
  } catch (e) {
    await Promise.all(engines.map((engine) => engine.close()));
    throw e;
  }
}
