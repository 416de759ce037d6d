import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import type { CheckpointInputs, NewCheckpoint } from '../../app/host/contract.js';
import type { KeyValueStore } from '../../renderer/host/keyValueStore.js';
import { WebCheckpoint } from '../../renderer/host/webCheckpoint.js';

/** A key–value store as IndexedDB behaves for it: values are structured clones. */
function memoryStore(): { store: KeyValueStore; values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    store: {
      get: async <T>(key: string) => structuredClone(values.get(key)) as T | undefined,
      set: async (key, value) => void values.set(key, structuredClone(value)),
      delete: async (key) => void values.delete(key),
    },
    values,
  };
}

const inputs = (name = 'photo.jpg'): CheckpointInputs => ({
  content: { name, bytes: new Uint8Array([1, 2, 3]) },
  styles: [{ name: 'wave.png', bytes: new Uint8Array([4, 5]) }],
  styleWeights: [0.5],
  keepMask: { width: 2, height: 1, data: new Uint8Array([0, 255]) },
});

const checkpoint = (runId: string, iteration: number, withInputs: CheckpointInputs | null): NewCheckpoint => ({
  runId,
  settings: { ...DEFAULT_SETTINGS, iterations: 50 },
  iteration,
  scaleIndex: 0,
  image: new Uint8Array([0x89, 0x50, iteration]),
  ...(withInputs ? { inputs: withInputs } : {}),
});

const RUN_A = '00000000-0000-4000-8000-00000000000a';
const RUN_B = '00000000-0000-4000-8000-00000000000b';
const savedAt = () => new Date('2026-01-02T03:04:05Z');

describe('the web checkpoint', () => {
  it('keeps a run’s inputs once and its latest picture; a new instance (a reload) reads them back', async () => {
    const { store, values } = memoryStore();
    const first = new WebCheckpoint(Promise.resolve(store), savedAt);
    await first.save(checkpoint(RUN_A, 10, inputs()));
    await first.save(checkpoint(RUN_A, 20, null));
    const reloaded = await new WebCheckpoint(Promise.resolve(store)).load();
    expect(reloaded).toEqual({ ...checkpoint(RUN_A, 20, null), inputs: inputs(), savedAt: '2026-01-02T03:04:05.000Z' });
    expect([...values.keys()].sort()).toEqual(['checkpoint', `checkpoint:inputs:${RUN_A}`]);
  });

  it('a new run replaces the previous run’s inputs, and clear removes everything', async () => {
    const { store, values } = memoryStore();
    const web = new WebCheckpoint(Promise.resolve(store), savedAt);
    await web.save(checkpoint(RUN_A, 10, inputs()));
    await web.save(checkpoint(RUN_B, 2, inputs('other.jpg')));
    expect([...values.keys()].sort()).toEqual(['checkpoint', `checkpoint:inputs:${RUN_B}`]);
    expect((await web.load())?.inputs.content.name).toBe('other.jpg');
    await web.clear();
    expect(values.size).toBe(0);
    expect(await web.load()).toBeNull();
  });

  it('refuses a first save without inputs, keeping the checkpoint it has', async () => {
    const { store } = memoryStore();
    const web = new WebCheckpoint(Promise.resolve(store), savedAt);
    await expect(web.save(checkpoint(RUN_A, 1, null))).rejects.toThrow('The first checkpoint of a run must include its inputs.');
    await web.save(checkpoint(RUN_A, 3, inputs()));
    await expect(web.save(checkpoint(RUN_B, 4, null))).rejects.toThrow(/must include its inputs/);
    expect((await web.load())?.iteration).toBe(3);
  });

  it('removes a record whose inputs are gone and reads none', async () => {
    const { store, values } = memoryStore();
    const web = new WebCheckpoint(Promise.resolve(store), savedAt);
    await web.save(checkpoint(RUN_A, 3, inputs()));
    values.delete(`checkpoint:inputs:${RUN_A}`);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await web.load()).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/damaged and was removed/));
    warn.mockRestore();
    expect(values.size).toBe(0);
  });
});
