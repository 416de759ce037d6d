import type { CheckpointInputs, HistoryEntry, HistoryImageKind, NewHistoryEntry } from '../../app/host/contract.js';
import type { KeyValueStore } from './keyValueStore.js';

/** Most runs the browser keeps (their pictures count against the site's storage quota). */
export const WEB_HISTORY_CAP = 50;
const INDEX_KEY = 'history';

const imageKey = (id: string, kind: HistoryImageKind) => `history:${id}:${kind}`;
const inputsKey = (id: string) => `history:${id}:inputs`;

function isInputs(value: unknown): value is CheckpointInputs {
  const v = value as Partial<CheckpointInputs> | undefined;
  return typeof v === 'object' && v !== null && v.content?.bytes instanceof Uint8Array && Array.isArray(v.styles) && Array.isArray(v.styleWeights);
}

/**
 * The run history of the web host in IndexedDB: an index (the entries, newest first) and each entry's two
 * PNGs and its inputs (photo, styles, blend, masks) under their own keys. Pictures and inputs are stored
 * before the index names them.
 */
export class WebHistory {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Promise<KeyValueStore>,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  async list(): Promise<HistoryEntry[]> {
    const entries = await (await this.store).get<unknown>(INDEX_KEY);
    return Array.isArray(entries) ? (entries as HistoryEntry[]) : [];
  }

  add(entry: NewHistoryEntry): Promise<HistoryEntry> {
    return this.#serial(async () => {
      const store = await this.store;
      const { thumbnail, result, inputs, ...fields } = entry;
      const stored: HistoryEntry = { id: this.newId(), createdAt: this.now().toISOString(), ...fields, ...(inputs ? { withInputs: true } : {}) };
      await store.set(imageKey(stored.id, 'thumbnail'), thumbnail);
      await store.set(imageKey(stored.id, 'result'), result);
      if (inputs) await store.set(inputsKey(stored.id), inputs);
      const entries = [stored, ...(await this.list())];
      await store.set(INDEX_KEY, entries.slice(0, WEB_HISTORY_CAP));
      await Promise.all(entries.slice(WEB_HISTORY_CAP).map((old) => this.#removeImages(old.id)));
      return stored;
    });
  }

  async image(id: string, kind: HistoryImageKind): Promise<Uint8Array> {
    await this.#entry(id);
    const bytes = await (await this.store).get<Uint8Array>(imageKey(id, kind));
    if (!(bytes instanceof Uint8Array)) throw new Error('The picture of this history entry is missing from the browser’s storage. Delete the entry.');
    return bytes;
  }

  /** The inputs an entry keeps; null for an entry kept without them. */
  async inputs(id: string): Promise<CheckpointInputs | null> {
    if (!(await this.#entry(id)).withInputs) return null;
    const inputs = await (await this.store).get<unknown>(inputsKey(id));
    if (!isInputs(inputs)) throw new Error('The photo and styles of this history entry are missing from the browser’s storage. Delete the entry.');
    return inputs;
  }

  delete(id: string): Promise<void> {
    return this.#serial(async () => {
      await this.#entry(id);
      await (await this.store).set(INDEX_KEY, (await this.list()).filter((e) => e.id !== id));
      await this.#removeImages(id);
    });
  }

  async #entry(id: string): Promise<HistoryEntry> {
    const entry = (await this.list()).find((e) => e.id === id);
    if (!entry) throw new Error('That history entry is no longer available.');
    return entry;
  }

  async #removeImages(id: string): Promise<void> {
    const store = await this.store;
    await Promise.all([imageKey(id, 'thumbnail'), imageKey(id, 'result'), inputsKey(id)].map((key) => store.delete(key)));
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
