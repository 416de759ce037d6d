import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CheckpointInputs, HistoryEntry, HistoryImageKind, NewHistoryEntry } from '../../../app/host/contract.js';
import { writeFileAtomic } from '../fs/atomicWrite.js';
import { JsonFile, type LoadResult } from '../settings/jsonFile.js';
import { decodeHistoryInputs, encodeHistoryInputs } from './historyInputsFile.js';
import { HistoryIndexSchema, MAX_HISTORY_ENTRIES, type HistoryIndex } from './historySchema.js';

/** A history request that cannot be served, with a sentence for the user. */
export class HistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryError';
  }
}

/**
 * The run history in a folder of the user data: index.json (the entries, newest first) and two PNG files
 * per entry, <id>.thumb.png and <id>.png, and the run's inputs (photo, styles, blend, masks) in <id>.inputs.bin. Images are written before the index names them, all atomically,
 * so a crash leaves at worst unnamed images, never an entry without its pictures. An unreadable index is
 * kept aside and the history starts empty.
 */
export class HistoryStore {
  #index: HistoryIndex;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly folder: string,
    private readonly file: JsonFile<HistoryIndex>,
    index: HistoryIndex,
    private readonly now: () => Date,
  ) {
    this.#index = index;
  }

  static async open(folder: string, now: () => Date = () => new Date()): Promise<{ history: HistoryStore; loaded: LoadResult<HistoryIndex> }> {
    const file = new JsonFile(path.join(folder, 'index.json'), HistoryIndexSchema, () => ({ version: 1 as const, entries: [] }), now);
    const loaded = await file.load();
    return { history: new HistoryStore(folder, file, loaded.value, now), loaded };
  }

  list(): HistoryEntry[] {
    return this.#index.entries.map((e) => ({ ...e, styleNames: [...e.styleNames], settings: { ...e.settings } }));
  }

  add(entry: NewHistoryEntry): Promise<HistoryEntry> {
    return this.#serial(async () => {
      const { thumbnail, result, inputs, ...fields } = entry;
      const stored: HistoryEntry = { id: randomUUID(), createdAt: this.now().toISOString(), ...fields, ...(inputs ? { withInputs: true } : {}) };
      await mkdir(this.folder, { recursive: true });
      await writeFileAtomic(this.#image(stored.id, 'thumbnail'), thumbnail);
      await writeFileAtomic(this.#image(stored.id, 'result'), result);
      if (inputs) await writeFileAtomic(this.#inputs(stored.id), encodeHistoryInputs(inputs));
      const entries = [stored, ...this.#index.entries];
      await this.#save(entries.slice(0, MAX_HISTORY_ENTRIES));
      await Promise.all(entries.slice(MAX_HISTORY_ENTRIES).map((old) => this.#removeImages(old.id)));
      return stored;
    });
  }

  async image(id: string, kind: HistoryImageKind): Promise<Uint8Array> {
    this.#entry(id);
    try {
      return new Uint8Array(await readFile(this.#image(id, kind)));
    } catch {
      throw new HistoryError('The picture of this history entry is missing from the history folder. Delete the entry.');
    }
  }

  /** The inputs an entry keeps; null for an entry kept without them. */
  async inputs(id: string): Promise<CheckpointInputs | null> {
    if (!this.#entry(id).withInputs) return null;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(this.#inputs(id)));
    } catch {
      throw new HistoryError('The photo and styles of this history entry are missing from the history folder. Delete the entry.');
    }
    try {
      return decodeHistoryInputs(bytes);
    } catch {
      throw new HistoryError('The photo and styles of this history entry are damaged. Delete the entry.');
    }
  }

  delete(id: string): Promise<void> {
    return this.#serial(async () => {
      this.#entry(id);
      await this.#save(this.#index.entries.filter((e) => e.id !== id));
      await this.#removeImages(id);
    });
  }

  #entry(id: string): HistoryEntry {
    const entry = this.#index.entries.find((e) => e.id === id);
    if (!entry) throw new HistoryError('That history entry is no longer available.');
    return entry;
  }

  async #save(entries: HistoryEntry[]): Promise<void> {
    const index: HistoryIndex = { version: 1, entries };
    await this.file.save(index);
    this.#index = index;
  }

  async #removeImages(id: string): Promise<void> {
    await Promise.all([...(['thumbnail', 'result'] as const).map((kind) => this.#image(id, kind)), this.#inputs(id)].map((file) => rm(file, { force: true })));
  }

  #inputs(id: string): string {
    return path.join(this.folder, `${id}.inputs.bin`);
  }

  /** The id is a UUID the store issued (checked before any lookup), so the name stays inside the folder. */
  #image(id: string, kind: HistoryImageKind): string {
    return path.join(this.folder, kind === 'thumbnail' ? `${id}.thumb.png` : `${id}.png`);
  }

  /** Changes run one at a time, in the order asked. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
