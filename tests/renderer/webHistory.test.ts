import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import type { NewHistoryEntry } from '../../app/host/contract.js';
import type { KeyValueStore } from '../../renderer/host/keyValueStore.js';
import { WEB_HISTORY_CAP, WebHistory } from '../../renderer/host/webHistory.js';

/** A key–value store as IndexedDB behaves for it: values are structured clones. */
function memoryStore(): { store: KeyValueStore; keys: () => string[] } {
  const values = new Map<string, unknown>();
  return {
    store: {
      get: async <T>(key: string) => structuredClone(values.get(key)) as T | undefined,
      set: async (key, value) => void values.set(key, structuredClone(value)),
      delete: async (key) => void values.delete(key),
    },
    keys: () => [...values.keys()].sort(),
  };
}

let counter = 0;
const ids = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

const entry = (contentName: string): NewHistoryEntry => ({
  contentName,
  styleNames: ['wave.jpg'],
  settings: { ...DEFAULT_SETTINGS, seed: 3 },
  stopped: false,
  width: 4,
  height: 3,
  thumbnail: new Uint8Array([1, 2]),
  result: new Uint8Array([3, 4, 5]),
});

describe('the web history', () => {
  it('keeps a run with its photo, styles, blend and masks; an entry kept without them still loads and has none', async () => {
    const { store, keys } = memoryStore();
    const history = new WebHistory(Promise.resolve(store), () => new Date('2026-03-04T05:06:07Z'), ids);
    const old = await history.add(entry('old.jpg'));
    const inputs = {
      content: { name: 'a.jpg', bytes: new Uint8Array([1, 2, 3]) },
      styles: [{ name: 'wave.jpg', bytes: new Uint8Array([4]) }],
      styleWeights: [0.5],
      keepMask: { width: 2, height: 1, data: new Uint8Array([0, 255]) },
    };
    const kept = await history.add({ ...entry('a.jpg'), inputs });
    expect(kept.withInputs).toBe(true);
    expect(old).not.toHaveProperty('withInputs');
    const reloaded = new WebHistory(Promise.resolve(store));
    expect(await reloaded.inputs(kept.id)).toEqual(inputs);
    expect(await reloaded.inputs(old.id)).toBeNull();
    await reloaded.delete(kept.id);
    expect(keys().filter((k) => k.includes(kept.id))).toEqual([]);
  });

  it('keeps runs newest first; a new instance on the same storage (a reload) reads them', async () => {
    const { store } = memoryStore();
    const history = new WebHistory(Promise.resolve(store), () => new Date('2026-03-04T05:06:07Z'), ids);
    const a = await history.add(entry('a.jpg'));
    const b = await history.add(entry('b.jpg'));
    expect(a).toMatchObject({ contentName: 'a.jpg', createdAt: '2026-03-04T05:06:07.000Z' });
    expect(a).not.toHaveProperty('result');

    const reloaded = new WebHistory(Promise.resolve(store));
    expect((await reloaded.list()).map((e) => e.id)).toEqual([b.id, a.id]);
    expect(await reloaded.image(a.id, 'result')).toEqual(new Uint8Array([3, 4, 5]));
    expect(await reloaded.image(b.id, 'thumbnail')).toEqual(new Uint8Array([1, 2]));
  });

  it('deletes an entry with its pictures and refuses unknown ids', async () => {
    const { store, keys } = memoryStore();
    const history = new WebHistory(Promise.resolve(store), undefined, ids);
    const a = await history.add(entry('a.jpg'));
    const b = await history.add(entry('b.jpg'));
    await history.delete(a.id);
    expect(keys()).toEqual(['history', `history:${b.id}:result`, `history:${b.id}:thumbnail`]);
    await expect(history.delete(a.id)).rejects.toThrow('That history entry is no longer available.');
    await expect(history.image(a.id, 'result')).rejects.toThrow('That history entry is no longer available.');
  });

  it(`keeps at most ${WEB_HISTORY_CAP} runs, dropping the oldest pictures too`, async () => {
    const { store, keys } = memoryStore();
    const history = new WebHistory(Promise.resolve(store), undefined, ids);
    const first = await history.add(entry('first.jpg'));
    for (let i = 0; i < WEB_HISTORY_CAP; i++) await history.add(entry(`photo ${i}.jpg`));
    const list = await history.list();
    expect(list).toHaveLength(WEB_HISTORY_CAP);
    expect(list.some((e) => e.id === first.id)).toBe(false);
    expect(keys().filter((k) => k.includes(first.id))).toEqual([]);
    expect(keys()).toHaveLength(1 + 2 * WEB_HISTORY_CAP);
  });

  it('reads a damaged index as an empty history', async () => {
    const { store } = memoryStore();
    await store.set('history', 'not a list');
    expect(await new WebHistory(Promise.resolve(store)).list()).toEqual([]);
  });
});
