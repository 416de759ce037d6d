import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import type { CheckpointInputs, NewHistoryEntry } from '../../app/host/contract.js';
import { HistoryStore } from '../../main/node/history/historyStore.js';
import { MAX_HISTORY_ENTRIES } from '../../main/node/history/historySchema.js';
import { listFolder, useTempFolders } from '../fixtures/tempFolder.js';
import { picturePng } from '../fixtures/testImages.js';
import { call, makeContext, messageOf, valueOf, type TestContext } from './testContext.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const tempFolder = useTempFolders('pastiche-history-');

let thumbnail: Uint8Array;
let result: Uint8Array;

beforeEach(async () => {
  thumbnail = new Uint8Array(await picturePng(4, 3));
  result = new Uint8Array(await picturePng(16, 12));
});

const entry = (contentName = 'chelsea.jpg'): NewHistoryEntry => ({
  contentName,
  styleNames: ['starry night.jpg'],
  settings: { ...DEFAULT_SETTINGS, size: 16, iterations: 30, seed: 9 },
  stopped: true,
  width: 16,
  height: 12,
  thumbnail,
  result,
});

/** A run's inputs: a photo, two styles with their blend, a keep mask and one style region (the other style none). */
const inputs = (): CheckpointInputs => ({
  content: { name: 'chelsea.jpg', bytes: new Uint8Array([1, 2, 3, 4, 5]) },
  styles: [
    { name: 'wave.jpg', bytes: new Uint8Array([6, 7]) },
    { name: 'starry.jpg', bytes: new Uint8Array([8, 9, 10]) },
  ],
  styleWeights: [1, 0.25],
  keepMask: { width: 3, height: 2, data: new Uint8Array([0, 255, 0, 255, 0, 128]) },
  styleRegions: [null, { width: 3, height: 2, data: new Uint8Array([255, 255, 255, 0, 0, 0]) }],
});

describe('the history store', () => {
  it('keeps a run with its pictures, and a new instance (a restart) reads it back', async () => {
    const folder = await tempFolder();
    const { history } = await HistoryStore.open(folder);
    const added = await history.add(entry());
    expect(added).toMatchObject({ contentName: 'chelsea.jpg', styleNames: ['starry night.jpg'], stopped: true, width: 16, height: 12 });
    expect(added.id).toMatch(/^[0-9a-f-]{36}$/);

    const { history: reopened, loaded } = await HistoryStore.open(folder);
    expect(loaded.keptAside).toBeUndefined();
    expect(reopened.list()).toEqual([added]);
    expect(await reopened.image(added.id, 'result')).toEqual(result);
    expect(await reopened.image(added.id, 'thumbnail')).toEqual(thumbnail);
  });

  it('lists newest first and drops the oldest beyond the cap, pictures included', async () => {
    const folder = await tempFolder();
    const { history } = await HistoryStore.open(folder);
    const first = await history.add(entry('first.jpg'));
    for (let i = 1; i < MAX_HISTORY_ENTRIES; i++) await history.add(entry(`photo ${i}.jpg`));
    expect(history.list()).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(history.list().at(-1)?.id).toBe(first.id);

    const newest = await history.add(entry('newest.jpg'));
    const list = history.list();
    expect(list).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(list[0]?.id).toBe(newest.id);
    expect(list.some((e) => e.id === first.id)).toBe(false);
    const files = await listFolder(folder);
    expect(files.filter((f) => f.startsWith(first.id))).toEqual([]);
    expect(files).toHaveLength(1 + 2 * MAX_HISTORY_ENTRIES);
  });

  it('deletes an entry and its pictures; an unknown id is refused', async () => {
    const folder = await tempFolder();
    const { history } = await HistoryStore.open(folder);
    const kept = await history.add(entry('kept.jpg'));
    const gone = await history.add(entry('gone.jpg'));
    await history.delete(gone.id);
    expect(history.list().map((e) => e.id)).toEqual([kept.id]);
    expect((await listFolder(folder)).filter((f) => f.startsWith(gone.id))).toEqual([]);
    await expect(history.delete(gone.id)).rejects.toThrow('That history entry is no longer available.');
    await expect(history.image(gone.id, 'result')).rejects.toThrow('That history entry is no longer available.');
    expect((await HistoryStore.open(folder)).history.list().map((e) => e.id)).toEqual([kept.id]);
  });

  it('keeps a damaged index aside and starts empty', async () => {
    const folder = await tempFolder();
    await writeFile(path.join(folder, 'index.json'), '{"version": 1, "entries": [{"id": 4');
    const { history, loaded } = await HistoryStore.open(folder);
    expect(history.list()).toEqual([]);
    expect(loaded.keptAside).toMatch(/index\.corrupt-.*\.json$/);
    expect(await readFile(loaded.keptAside!, 'utf8')).toContain('"entries"');
  });

  it('keeps a run with its photo, styles, blend and masks; entries kept before inputs were kept still load, without them', async () => {
    const folder = await tempFolder();
    const { history } = await HistoryStore.open(folder);
    const old = await history.add(entry('old.jpg'));
    const added = await history.add({ ...entry(), inputs: inputs() });
    expect(added.withInputs).toBe(true);
    expect(old).not.toHaveProperty('withInputs');
    // An index.json written before inputs were kept has no withInputs at all.
    const index = JSON.parse(await readFile(path.join(folder, 'index.json'), 'utf8')) as { entries: Record<string, unknown>[] };
    expect(index.entries.find((e) => e.id === old.id)).not.toHaveProperty('withInputs');

    const { history: reopened, loaded } = await HistoryStore.open(folder);
    expect(loaded.keptAside).toBeUndefined();
    expect(reopened.list().map((e) => e.contentName)).toEqual(['chelsea.jpg', 'old.jpg']);
    expect(await reopened.inputs(added.id)).toEqual(inputs());
    expect(await reopened.inputs(old.id)).toBeNull();
    expect(await reopened.image(old.id, 'result')).toEqual(result);

    await writeFile(path.join(folder, `${added.id}.inputs.bin`), (await readFile(path.join(folder, `${added.id}.inputs.bin`))).subarray(0, 40));
    await expect(reopened.inputs(added.id)).rejects.toThrow(/damaged/);
    await reopened.delete(added.id);
    expect((await listFolder(folder)).filter((f) => f.startsWith(added.id))).toEqual([]);
  });

  it('says so when an entry has lost its picture', async () => {
    const folder = await tempFolder();
    const { history } = await HistoryStore.open(folder);
    const added = await history.add(entry());
    await rm(path.join(folder, `${added.id}.png`));
    await expect(history.image(added.id, 'result')).rejects.toThrow(/missing from the history folder/);
  });
});

describe('the history over IPC', () => {
  let t: TestContext;
  beforeEach(async () => {
    t = await makeContext(await tempFolder());
  });

  it('adds, lists, reads and deletes', async () => {
    const added = valueOf<{ id: string }>(await call(t.ctx, 'historyAdd', [entry()]));
    expect(valueOf(await call(t.ctx, 'historyList', []))).toEqual([added]);
    expect(valueOf(await call(t.ctx, 'historyImage', [added.id, 'result']))).toEqual(result);
    valueOf(await call(t.ctx, 'historyDelete', [added.id]));
    expect(valueOf(await call(t.ctx, 'historyList', []))).toEqual([]);
    expect(messageOf(await call(t.ctx, 'historyImage', [added.id, 'thumbnail']))).toBe('That history entry is no longer available.');
  });

  it('keeps the inputs sent with a run and gives them back', async () => {
    const added = valueOf<{ id: string; withInputs?: boolean }>(await call(t.ctx, 'historyAdd', [{ ...entry(), inputs: inputs() }]));
    expect(added.withInputs).toBe(true);
    expect(valueOf(await call(t.ctx, 'historyInputs', [added.id]))).toEqual(inputs());
    const bad = { ...inputs(), keepMask: { width: 3, height: 2, data: new Uint8Array(5) } };
    expect(messageOf(await call(t.ctx, 'historyAdd', [{ ...entry(), inputs: bad }]))).toBeTruthy();
  });
});
