import type { CheckpointInputs, HistoryEntry, Host } from '../../app/host/contract.js';
import type { RgbaImage, StyleSettings } from '../../app/index.js';
import { decodeImage } from '../image/decodeImage.js';
import { encodeImage } from '../image/encodeImage.js';
import { rasterize, toImageData } from '../image/rasterize.js';
import type { Notices } from './notices.svelte.js';
import type { RunSource } from './runState.svelte.js';
import { userMessage } from './userMessage.js';

/** Longest side of a history thumbnail, px. */
const THUMBNAIL_SIDE = 160;

/** What the studio does with an entry the user picked. */
export interface HistoryActions {
  restoreSettings(entry: HistoryEntry): void;
  showResult(entry: HistoryEntry, image: RgbaImage): void;
  /** Continues the run for `iterations` more at the result's size, with its photo, styles, blend and masks when the entry keeps them. */
  continueFrom(entry: HistoryEntry, image: RgbaImage, inputs: CheckpointInputs | null, iterations: number): Promise<void>;
}

/** Iterations a continued run does unless the user asks for another number. */
export const CONTINUE_ITERATIONS = 100;

/** A run to keep: how it was made and its result at the working size. */
export interface FinishedRun {
  settings: StyleSettings;
  source: RunSource;
  stopped: boolean;
  image: RgbaImage;
  /** The photo, styles, blend and masks it was made from (kept with the entry, to repeat or continue it). */
  inputs?: CheckpointInputs | null;
}

/** The pixels of a PNG the host kept. */
async function pngPixels(bytes: Uint8Array): Promise<RgbaImage> {
  const decoded = await decodeImage({ name: 'history.png', bytes });
  try {
    return rasterize(decoded.bitmap);
  } finally {
    decoded.bitmap.close();
  }
}

async function thumbnailOf(image: RgbaImage): Promise<Uint8Array> {
  const bitmap = await createImageBitmap(toImageData(image));
  try {
    return await encodeImage(rasterize(bitmap, Math.min(THUMBNAIL_SIDE, Math.max(image.width, image.height))), 'png', 1);
  } finally {
    bitmap.close();
  }
}

/** The history side panel's state: the host's kept runs, their thumbnails, and what can be done with one. */
export class RunHistory {
  entries = $state.raw<HistoryEntry[]>([]);
  /** Object URLs of the thumbnails, by entry id. */
  thumbnails = $state.raw<Record<string, string>>({});
  open = $state(false);
  selected = $state<string | null>(null);
  busy = $state(false);
  /** How many iterations "Continue from it" adds. */
  continueIterations = $state(CONTINUE_ITERATIONS);

  constructor(
    private readonly host: Host,
    private readonly notices: Notices,
    private readonly actions: HistoryActions,
  ) {}

  async load(): Promise<void> {
    try {
      this.entries = await this.host.historyList();
      await Promise.all(this.entries.map((e) => this.loadThumbnail(e.id)));
    } catch (e) {
      this.notices.error(`The run history could not be read. ${userMessage(e, 'reading the history')}`);
    }
  }

  /** Keeps a finished or stopped run (a failure to keep it is reported, never fatal to the run); resolves with whether it was kept. */
  async record(run: FinishedRun): Promise<boolean> {
    try {
      const [result, thumbnail] = await Promise.all([encodeImage(run.image, 'png', 1), thumbnailOf(run.image)]);
      const entry = await this.host.historyAdd({
        contentName: run.source.contentName,
        styleNames: [...run.source.styleNames],
        settings: run.settings,
        stopped: run.stopped,
        width: run.image.width,
        height: run.image.height,
        thumbnail,
        result,
        ...(run.inputs ? { inputs: run.inputs } : {}),
      });
      this.setThumbnail(entry.id, thumbnail);
      this.entries = [entry, ...this.entries];
      this.forgetThumbnailsNotIn(await this.host.historyList().catch(() => this.entries));
      return true;
    } catch (e) {
      this.notices.error(`This run could not be kept in the history. ${userMessage(e, 'saving the history')}`);
      return false;
    }
  }

  select(id: string): void {
    this.selected = this.selected === id ? null : id;
  }

  restore(entry: HistoryEntry): void {
    this.actions.restoreSettings(entry);
    this.notices.info(`Settings of the run on “${entry.contentName}” restored.`);
  }

  async show(entry: HistoryEntry): Promise<void> {
    const image = await this.result(entry);
    if (image) this.actions.showResult(entry, image);
  }

  async continueFrom(entry: HistoryEntry): Promise<void> {
    const image = await this.result(entry);
    if (!image) return;
    let inputs: CheckpointInputs | null = null;
    try {
      inputs = entry.withInputs ? await this.host.historyInputs(entry.id) : null;
    } catch (e) {
      return void this.notices.error(userMessage(e, 'reading the history entry'));
    }
    const asked = Number(this.continueIterations);
    const iterations = Number.isFinite(asked) && asked >= 1 ? Math.min(5000, Math.round(asked)) : CONTINUE_ITERATIONS;
    await this.actions.continueFrom(entry, image, inputs, iterations);
  }

  async remove(entry: HistoryEntry): Promise<void> {
    try {
      await this.host.historyDelete(entry.id);
      this.entries = this.entries.filter((e) => e.id !== entry.id);
      if (this.selected === entry.id) this.selected = null;
      this.forgetThumbnailsNotIn(this.entries);
    } catch (e) {
      this.notices.error(userMessage(e, 'deleting the history entry'));
    }
  }

  private async result(entry: HistoryEntry): Promise<RgbaImage | null> {
    this.busy = true;
    try {
      return await pngPixels(await this.host.historyImage(entry.id, 'result'));
    } catch (e) {
      this.notices.error(userMessage(e, 'reading the history entry'));
      return null;
    } finally {
      this.busy = false;
    }
  }

  private async loadThumbnail(id: string): Promise<void> {
    const bytes = await this.host.historyImage(id, 'thumbnail').catch(() => null);
    if (bytes) this.setThumbnail(id, bytes);
  }

  private setThumbnail(id: string, png: Uint8Array): void {
    const url = URL.createObjectURL(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
    this.thumbnails = { ...this.thumbnails, [id]: url };
  }

  /** Releases the thumbnails of entries the host no longer keeps (deleted, or past its cap). */
  private forgetThumbnailsNotIn(kept: readonly HistoryEntry[]): void {
    const ids = new Set(kept.map((e) => e.id));
    const stale = Object.keys(this.thumbnails).filter((id) => !ids.has(id));
    if (stale.length === 0 && kept.length === this.entries.length) return;
    stale.forEach((id) => URL.revokeObjectURL(this.thumbnails[id]!));
    this.thumbnails = Object.fromEntries(Object.entries(this.thumbnails).filter(([id]) => ids.has(id)));
    this.entries = this.entries.filter((e) => ids.has(e.id));
  }
}
