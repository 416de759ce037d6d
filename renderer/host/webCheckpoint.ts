import type { CheckpointInputs, NewCheckpoint, RunCheckpoint } from '../../app/host/contract.js';
import type { KeyValueStore } from './keyValueStore.js';

const RECORD_KEY = 'checkpoint';
const inputsKey = (runId: string) => `checkpoint:inputs:${runId}`;

/** What IndexedDB holds under RECORD_KEY: the checkpoint without its inputs, which lie under their run's key. */
type StoredCheckpoint = Omit<RunCheckpoint, 'inputs'>;

function isStoredCheckpoint(value: unknown): value is StoredCheckpoint {
  const v = value as Partial<StoredCheckpoint> | undefined;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.runId === 'string' &&
    typeof v.settings === 'object' &&
    Number.isInteger(v.iteration) &&
    Number.isInteger(v.scaleIndex) &&
    v.image instanceof Uint8Array &&
    typeof v.savedAt === 'string'
  );
}

function isInputs(value: unknown): value is CheckpointInputs {
  const v = value as Partial<CheckpointInputs> | undefined;
  return typeof v === 'object' && v !== null && v.content?.bytes instanceof Uint8Array && Array.isArray(v.styles) && Array.isArray(v.styleWeights);
}

/**
 * The unfinished run of the web host in IndexedDB. A run's inputs are stored once, under a key of their
 * own, before the record that names them; each save then replaces the record (one put, which IndexedDB
 * makes atomic), so a tab closed at any moment leaves the previous checkpoint or the new one. A record
 * whose inputs are missing or unreadable is removed and reads as none.
 */
export class WebCheckpoint {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Promise<KeyValueStore>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  save(checkpoint: NewCheckpoint): Promise<void> {
    return this.#serial(async () => {
      const store = await this.store;
      const previous = await store.get<unknown>(RECORD_KEY);
      const previousRun = isStoredCheckpoint(previous) ? previous.runId : null;
      if (checkpoint.inputs) await store.set(inputsKey(checkpoint.runId), checkpoint.inputs);
      else if (previousRun !== checkpoint.runId || !isInputs(await store.get(inputsKey(checkpoint.runId)))) {
        throw new Error('The first checkpoint of a run must include its inputs.');
      }
      const { runId, settings, iteration, scaleIndex, image } = checkpoint;
      await store.set(RECORD_KEY, { runId, settings, iteration, scaleIndex, image, savedAt: this.now().toISOString() } satisfies StoredCheckpoint);
      if (previousRun && previousRun !== runId) await store.delete(inputsKey(previousRun));
    });
  }

  load(): Promise<RunCheckpoint | null> {
    return this.#serial(async () => {
      const store = await this.store;
      const record = await store.get<unknown>(RECORD_KEY);
      if (record === undefined) return null;
      const inputs = isStoredCheckpoint(record) ? await store.get<unknown>(inputsKey(record.runId)) : undefined;
      if (!isStoredCheckpoint(record) || !isInputs(inputs)) {
        console.warn('pastiche: the unfinished run kept in this browser is damaged and was removed');
        await this.#remove(store, record);
        return null;
      }
      return { ...record, inputs };
    });
  }

  clear(): Promise<void> {
    return this.#serial(async () => {
      const store = await this.store;
      await this.#remove(store, await store.get<unknown>(RECORD_KEY));
    });
  }

  /** The record first, so an interrupted clear never leaves a record without its inputs. */
  async #remove(store: KeyValueStore, record: unknown): Promise<void> {
    await store.delete(RECORD_KEY);
    const runId = (record as { runId?: unknown } | undefined)?.runId;
    if (typeof runId === 'string') await store.delete(inputsKey(runId));
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
