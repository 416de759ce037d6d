import type { DroppedFile, Host, ImageFile, OutputFolder } from '../../app/host/contract.js';
import type { LayerChoice } from '../../app/index.js';
import type { EngineFailure, EngineInputs, RunOutcome } from '../engine/protocol.js';
import { decodeImage } from '../image/decodeImage.js';
import { encodeImage } from '../image/encodeImage.js';
import { rasterize } from '../image/rasterize.js';
import { withRunRecord } from '../metadata/withRunRecord.js';
import type { BatchItem } from './batchItem.js';
import { BatchRunner, type PaintOutcome } from './batchRunner.js';
import type { BatchSetup } from './batchSetup.js';
import type { EngineSession } from './engineSession.svelte.js';
import type { LoadedImage } from './images.svelte.js';
import type { Notices } from './notices.svelte.js';
import type { BatchPhoto } from './stageView.js';
import { styleAt } from './runInputs.js';
import { engineSettings, type StudioSettings } from './studioSettings.js';
import { studioRunRecord } from './studioRunRecord.js';
import { userMessage } from './userMessage.js';

/** What the queue takes from the studio when a batch starts. */
export interface BatchStudio {
  settings(): StudioSettings;
  styles(): readonly LoadedImage[];
  styleBlend(styles: readonly LoadedImage[]): number[] | undefined;
}

interface Waiting {
  resolve(outcome: RunOutcome): void;
  reject(failure: EngineFailure): void;
}

/**
 * The studio's batch queue: photos added by browsing or dropping, painted one after another with the
 * styles and settings on screen when the batch starts, each result written (with its run record) into the
 * chosen folder or, without one, downloaded. The order, skipping and failures are BatchRunner's.
 */
export class BatchQueue {
  items = $state.raw<BatchItem[]>([]);
  running = $state(false);
  paused = $state(false);
  ended = $state<string | null>(null);
  folder = $state.raw<OutputFolder | null>(null);
  open = $state(false);
  /** The photo being painted, shown on the stage as the batch view; null when no batch runs. */
  current = $state.raw<BatchPhoto | null>(null);
  private readonly files = new Map<number, ImageFile>();
  private readonly runner: BatchRunner;
  private waiting: Waiting | null = null;

  constructor(
    private readonly host: Host,
    private readonly engine: EngineSession,
    private readonly notices: Notices,
    private readonly studio: BatchStudio,
  ) {
    this.runner = new BatchRunner({
      paint: (id, setup) => this.paint(id, setup),
      pause: () => this.engine.pause(),
      resume: () => this.engine.resume(),
      stop: () => this.engine.stop(),
      existing: (name) => (this.folder ? this.host.folderFileRecord(this.folder.token, name) : Promise.resolve({ exists: false })),
      save: (name, bytes) => this.save(name, bytes),
      changed: () => this.sync(),
    });
  }

  /** How far the photo being painted is, 0–1. */
  get progress(): number {
    const p = this.engine.run.progress;
    return this.engine.run.purpose === 'batch' && p ? p.iteration / p.totalIterations : 0;
  }

  async browse(): Promise<void> {
    try {
      this.add(await this.host.openImages('content', true));
    } catch (e) {
      this.notices.error(userMessage(e, 'opening the photos'));
    }
  }

  async drop(files: readonly DroppedFile[]): Promise<void> {
    const read: ImageFile[] = [];
    for (const file of files) {
      try {
        read.push(await this.host.readDroppedFile(file));
      } catch (e) {
        this.notices.error(userMessage(e, `reading “${file.name}”`));
      }
    }
    this.add(read);
  }

  remove(id: number): void {
    this.runner.remove(id);
    if (!this.runner.items.some((i) => i.id === id)) this.files.delete(id);
  }

  async chooseFolder(): Promise<void> {
    try {
      const folder = await this.host.chooseOutputFolder();
      if (folder) this.folder = folder;
    } catch (e) {
      this.notices.error(userMessage(e, 'choosing the output folder'));
    }
  }

  /** Paints every photo not done yet with the styles and settings on screen now. */
  async start(): Promise<void> {
    const styles = this.studio.styles();
    if (styles.length === 0 || this.items.length === 0 || this.running || this.engine.run.active) return;
    const s = this.studio.settings();
    const settings = { ...engineSettings(s), styleBlend: this.studio.styleBlend(styles) };
    const setup: BatchSetup = {
      settings,
      styles: styles.map((st) => styleAt(st, s.size)),
      styleNames: styles.map((st) => st.name),
      format: s.exportFormat,
      quality: s.exportQuality,
    };
    try {
      await this.runner.run(setup);
    } finally {
      this.show(null);
    }
    if (this.runner.ended) this.notices.error(this.runner.ended);
  }

  pause = () => this.runner.pause();
  resume = () => this.runner.resume();
  skip = () => this.runner.skip();
  cancel = () => this.runner.cancel();

  /** The engine finished a batch run (stopped runs resolve too; the runner decides what a stop means). */
  finished(outcome: RunOutcome): void {
    this.waiting?.resolve(outcome);
    this.waiting = null;
  }

  failed(failure: EngineFailure): void {
    this.waiting?.reject(failure);
    this.waiting = null;
  }

  private add(files: readonly ImageFile[]): void {
    if (files.length === 0) return;
    const added = this.runner.add(files.map((f) => f.name));
    added.forEach((item, i) => this.files.set(item.id, files[i]!));
    this.open = true;
  }

  private async paint(id: number, setup: BatchSetup): Promise<PaintOutcome> {
    const file = this.files.get(id);
    if (!file) throw new Error('The photo is no longer in the queue.');
    const decoded = await decodeImage(file);
    // The photo stays on the stage (and its bitmap open) until the next photo or the end of the batch.
    this.show({ name: file.name, index: this.items.findIndex((i) => i.id === id) + 1, total: this.items.length, bitmap: decoded.bitmap });
    const content = rasterize(decoded.bitmap, setup.settings.size);
    // The engine takes the pixel buffers over, so every photo gets its own copy of the styles.
    const outcome = await this.run({ content, styles: setup.styles.map((s) => ({ ...s, data: s.data.slice() })) }, setup);
    if (outcome.stopped) return { kind: 'stopped' };
    const encoded = await encodeImage(outcome.image, setup.format, setup.quality);
    return { kind: 'painted', bytes: withRunRecord(encoded, setup.format, await this.record(file.name, setup)) };
  }

  private run(inputs: EngineInputs, setup: BatchSetup): Promise<RunOutcome> {
    if (this.engine.phase !== 'ready' || this.engine.run.active) return Promise.reject(new Error('The engine is busy or not ready; the batch stopped.'));
    return new Promise<RunOutcome>((resolve, reject) => {
      this.waiting = { resolve, reject: (f) => reject(new Error(f.message)) };
      this.engine.start('batch', inputs, setup.settings, null);
    });
  }

  private async record(contentName: string, setup: BatchSetup) {
    const [info, model] = await Promise.all([this.host.info().catch(() => null), this.host.modelStatus().catch(() => null)]);
    const layers: LayerChoice = this.engine.layers ?? { content: [], style: [], styleWeights: [] };
    return studioRunRecord({
      settings: setup.settings,
      contentName,
      styleNames: setup.styleNames,
      layers,
      modelLocation: model?.location ?? '',
      appVersion: info?.appVersion ?? '',
      stopped: false,
    });
  }

  private async save(name: string, bytes: Uint8Array) {
    if (this.folder) return this.host.writeToFolder(this.folder.token, name, bytes);
    return this.host.saveToDownloads(name, bytes);
  }

  private show(photo: BatchPhoto | null): void {
    this.current?.bitmap.close();
    this.current = photo;
  }

  private sync(): void {
    this.items = this.runner.items.map((i) => ({ ...i }));
    this.running = this.runner.running;
    this.paused = this.runner.paused;
    this.ended = this.runner.ended;
  }
}
