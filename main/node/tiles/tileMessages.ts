import type { TileEngine } from '../../../app/run/tileEngine.js';
import type { VggWeights } from '../../../app/weights/loadVggWeights.js';
import type { NodeBackend } from '../tfBackend.js';

// What a run and the worker threads that paint strips of its picture (tileWorker.ts) tell each other.

/** Each worker's workerData: the backend to start and the weights (copied into it). */
export interface TileWorkerSetup {
  backend: NodeBackend;
  weights: VggWeights;
}

type Method = keyof TileEngine;

/** A call of one of the TileEngine's methods; calls are answered in order. */
export interface TileCall {
  id: number;
  method: Method;
  argument: unknown;
}

export type TileAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** Posted once the worker's engine is up (or could not start: then `failed` says why). */
export interface TileWorkerReady {
  id: 0;
  ready: true;
  failed?: string;
}
