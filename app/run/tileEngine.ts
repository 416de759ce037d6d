import type { Block, TileGramSums, TileGradient, TileReady, TileSetup, TileSlopes } from './tileTask.js';

/**
 * Another engine that paints one tile of a picture (a worker thread with its own TensorFlow.js, in the CLI):
 * the host side of a TileTask. Calls come in order: setUp once per scale, then forward and backward in
 * turns, then tearDown. A failure rejects, and the run fails with the picture it had.
 */
export interface TileEngine {
  setUp(setup: TileSetup): Promise<TileReady>;
  forward(window: Block): Promise<TileGramSums>;
  backward(slopes: TileSlopes): Promise<TileGradient>;
  tearDown(): Promise<void>;
}
