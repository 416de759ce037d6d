import type { Block, TileGramSums, TileGradient, TileJob, TileReady, TileSetup, TileSlopes, TileSums } from './tileTask.js';

/**
 * Another engine that paints one tile of a picture (a worker thread with its own TensorFlow.js, in the CLI):
 * the host side of a TileTask. Calls come in order. A strip (splitObjective.ts): setUp once per scale, then
 * forward and backward in turns, then tearDown. A tile of a print (tiledObjective.ts): tileEnergy and the
 * style image's sumTile once per scale; at each step sumTile, then, once
 * every tile's sums are in, tileGradient, each call whole. A failure rejects, and the run fails with the
 * picture it had.
 */
export interface TileEngine {
  setUp(setup: TileSetup): Promise<TileReady>;
  forward(window: Block): Promise<TileGramSums>;
  backward(slopes: TileSlopes): Promise<TileGradient>;
  tearDown(): Promise<void>;
  sumTile(job: TileJob): Promise<TileSums>;
  /** Σ P² of the content features over the core of a tile of the photo (the window). */
  tileEnergy(job: TileJob): Promise<number>;
  tileGradient(job: TileJob & { slopes: TileSlopes }): Promise<TileGradient>;
}
