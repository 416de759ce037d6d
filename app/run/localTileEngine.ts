import type { VggNetwork } from '../network/vgg.js';
import type { TileEngine } from './tileEngine.js';
import { sumTile, tileEnergy, tileGradient, TileTask, type Block, type TileGramSums, type TileGradient, type TileJob, type TileReady, type TileSetup, type TileSlopes, type TileSums } from './tileTask.js';

/** A TileEngine on this thread's network: what a worker thread runs for the engine on the other side. */
export class LocalTileEngine implements TileEngine {
  private task: TileTask | null = null;

  constructor(private readonly network: VggNetwork) {}

  private current(): TileTask {
    if (!this.task) throw new Error('no tile is set up');
    return this.task;
  }

  async setUp(setup: TileSetup): Promise<TileReady> {
    this.task?.dispose();
    this.task = null;
    this.task = new TileTask(this.network, setup);
    return this.task.ready();
  }

  async forward(window: Block): Promise<TileGramSums> {
    return this.current().forward(window);
  }

  async backward(slopes: TileSlopes): Promise<TileGradient> {
    return this.current().backward(slopes);
  }

  async sumTile(job: TileJob): Promise<TileSums> {
    return sumTile(this.network, job);
  }

  async tileEnergy(job: TileJob): Promise<number> {
    return tileEnergy(this.network, job);
  }

  async tileGradient(job: TileJob & { slopes: TileSlopes }): Promise<TileGradient> {
    return tileGradient(this.network, job);
  }

  async tearDown(): Promise<void> {
    this.task?.dispose();
    this.task = null;
  }
}
