import { randomUUID } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckpointInputs, NewCheckpoint } from '../../app/host/contract.js';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import { CheckpointStore } from '../../main/node/checkpoint/checkpointStore.js';
import { listFolder, useTempFolders } from '../fixtures/tempFolder.js';
import { seededRandom } from '../fixtures/seededRandom.js';
import { picturePng } from '../fixtures/testImages.js';

const tempFolder = useTempFolders('pastiche-checkpoint-');

/** Random bytes, so that any lossy or truncating round trip shows. */
function noise(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

function inputs(): CheckpointInputs {
  return {
    content: { name: 'Été à Nice.jpg', bytes: noise(300, 1) },
    styles: [
      { name: 'wave.png', bytes: noise(200, 2) },
      { name: 'stars.webp', bytes: noise(150, 3) },
    ],
    styleWeights: [1, 0.25],
    keepMask: { width: 6, height: 4, data: noise(24, 4) },
    styleRegions: [null, { width: 6, height: 4, data: noise(24, 5) }],
  };
}

async function checkpoint(runId: string, iteration: number, withInputs: boolean): Promise<NewCheckpoint> {
  return {
    runId,
    settings: { ...DEFAULT_SETTINGS, seed: 5, iterations: 300, styleBlend: [1, 0.25] },
    iteration,
    scaleIndex: 1,
    image: new Uint8Array(await picturePng(10 + iteration, 7)),
    ...(withInputs ? { inputs: inputs() } : {}),
  };
}

const dataFiles = (names: string[]) => names.filter((n) => /^(image|input|mask)-/.test(n));

describe('run checkpoints', () => {
  it('reads back exactly what was saved, in a new store (a restart), and a later save replaces the picture', async () => {
    const dir = path.join(await tempFolder(), 'checkpoint');
    const runId = randomUUID();
    const first = await checkpoint(runId, 4, true);
    await new CheckpointStore(dir, { now: () => new Date('2025-03-04T05:06:07.000Z') }).save(first);
    const restarted = new CheckpointStore(dir);
    const read = await restarted.load();
    expect(read).toEqual({ ...first, inputs: inputs(), savedAt: '2025-03-04T05:06:07.000Z' });

    // Later saves of the run bring only the picture: the inputs saved first stay named.
    const second = await checkpoint(runId, 9, false);
    await restarted.save(second);
    const again = await new CheckpointStore(dir).load();
    expect(again?.iteration).toBe(9);
    expect(Buffer.from(again!.image).equals(Buffer.from(second.image))).toBe(true);
    expect(again?.inputs).toEqual(inputs());
    // One record, one picture, the three input files and two masks: no temp file, no earlier picture.
    const names = await listFolder(dir);
    expect(names).toContain('checkpoint.json');
    expect(dataFiles(names).filter((n) => n.startsWith('image-'))).toHaveLength(1);
    expect(dataFiles(names)).toHaveLength(6);
    expect(names).toHaveLength(7);
  });

  it('refuses a save without inputs for a run it holds no inputs of, keeping the checkpoint as it was', async () => {
    const dir = await tempFolder();
    const store = new CheckpointStore(dir);
    await expect(store.save(await checkpoint(randomUUID(), 3, false))).rejects.toThrow(/first checkpoint of a run must include its inputs/);
    expect(await listFolder(dir)).toEqual([]);

    const kept = await checkpoint(randomUUID(), 3, true);
    await store.save(kept);
    const before = await listFolder(dir);
    await expect(store.save(await checkpoint(randomUUID(), 8, false))).rejects.toThrow(/must include its inputs/);
    expect(await listFolder(dir)).toEqual(before);
    expect((await store.load())?.runId).toBe(kept.runId);
  });

  it('a new run replaces the previous run’s inputs', async () => {
    const dir = await tempFolder();
    const store = new CheckpointStore(dir);
    await store.save(await checkpoint(randomUUID(), 3, true));
    const next = { ...(await checkpoint(randomUUID(), 1, true)), inputs: { ...inputs(), keepMask: undefined, styleRegions: undefined } };
    delete next.inputs.keepMask;
    delete next.inputs.styleRegions;
    await store.save(next);
    expect((await store.load())?.inputs.keepMask).toBeUndefined();
    expect(dataFiles(await listFolder(dir))).toHaveLength(4);
  });

  it('reads none from a folder without a checkpoint, or no folder at all', async () => {
    const dir = await tempFolder();
    expect(await new CheckpointStore(dir).load()).toBeNull();
    expect(await new CheckpointStore(path.join(dir, 'missing')).load()).toBeNull();
  });

  it('ignores what a crash mid-write leaves (temp files, files not yet named), and the next save removes it', async () => {
    const dir = await tempFolder();
    const store = new CheckpointStore(dir);
    const runId = randomUUID();
    await store.save(await checkpoint(runId, 10, true));
    const committed = await listFolder(dir);
    // A crash while writing the next checkpoint: a half-written record and picture in temp files, and a
    // finished picture that checkpoint.json does not name yet (the process died before the commit).
    await writeFile(path.join(dir, '.checkpoint.json.999999-0badc0de.tmp'), '{"version": 2, "sett');
    await writeFile(path.join(dir, '.image-zz-123456789abc.png.999999-0badc0de.tmp'), Buffer.from([0x89, 0x50]));
    await writeFile(path.join(dir, 'image-zzz-deadbeef.png'), Buffer.from(new Uint8Array(64)));

    expect((await store.load())?.iteration).toBe(10);
    expect(await listFolder(dir)).toHaveLength(committed.length + 3);

    await store.save(await checkpoint(runId, 20, false));
    const names = await listFolder(dir);
    expect(names).toHaveLength(committed.length);
    expect(names).not.toContain('image-zzz-deadbeef.png');
    expect((await store.load())?.iteration).toBe(20);
  });

  const damages: [string, (dir: string, record: Record<string, unknown>) => Promise<void>, RegExp][] = [
    ['a record that is not JSON', (dir) => writeFile(path.join(dir, 'checkpoint.json'), '{"version": 2, "settings": {'), /checkpoint\.json is not valid JSON/],
    [
      'invalid settings',
      (dir, r) => writeFile(path.join(dir, 'checkpoint.json'), JSON.stringify({ ...r, settings: { ...(r.settings as object), size: -1 } })),
      /checkpoint\.settings: size must be/,
    ],
    [
      'a picture path outside the folder',
      (dir, r) => writeFile(path.join(dir, 'checkpoint.json'), JSON.stringify({ ...r, image: { ...(r.image as object), file: '../../etc/passwd' } })),
      /checkpoint\.image\.file/,
    ],
    ['an altered picture', async (dir, r) => writeFile(path.join(dir, (r.image as { file: string }).file), 'not the image'), /picture .* does not match checkpoint\.json/],
    [
      'a missing style file',
      async (dir, r) => {
        const styles = (r.inputs as { styles: { file: string }[] }).styles;
        await writeFile(path.join(dir, styles[1]!.file), noise(149, 3));
      },
      /input stars\.webp .* does not match/,
    ],
  ];

  for (const [what, damage, reason] of damages) {
    it(`moves aside a checkpoint with ${what} and reads none`, async () => {
      const dir = await tempFolder();
      const reports: [string, string][] = [];
      const store = new CheckpointStore(dir, { onCorrupt: (why, movedTo) => reports.push([why, movedTo]) });
      await store.save(await checkpoint(randomUUID(), 30, true));
      const record = JSON.parse(await readFile(path.join(dir, 'checkpoint.json'), 'utf8')) as Record<string, unknown>;
      await damage(dir, record);
      const damagedRecord = await readFile(path.join(dir, 'checkpoint.json'));
      expect(await store.load()).toBeNull();

      expect(reports).toHaveLength(1);
      expect(reports[0]![0]).toMatch(reason);
      const aside = reports[0]![1];
      expect(path.dirname(aside)).toBe(dir);
      expect(path.basename(aside)).toMatch(/^corrupt-/);
      // The damaged record is kept, byte for byte, for a bug report; the folder no longer holds a checkpoint.
      expect((await readFile(path.join(aside, 'checkpoint.json'))).equals(damagedRecord)).toBe(true);
      expect(await readdir(dir)).not.toContain('checkpoint.json');
      expect(await store.load()).toBeNull();

      await store.save(await checkpoint(randomUUID(), 31, true));
      expect((await store.load())?.iteration).toBe(31);
    });
  }

  it('moves the files a readable but damaged record names aside with it', async () => {
    const dir = await tempFolder();
    let movedTo = '';
    const store = new CheckpointStore(dir, { onCorrupt: (_, to) => (movedTo = to) });
    await store.save(await checkpoint(randomUUID(), 3, true));
    const files = dataFiles(await listFolder(dir));
    const picture = files.find((n) => n.startsWith('image-'))!;
    await writeFile(path.join(dir, picture), 'truncated');
    await store.load();
    expect(await listFolder(movedTo)).toEqual(['checkpoint.json', ...files].sort());
    expect(dataFiles(await listFolder(dir))).toEqual([]);
  });

  it('refuses invalid settings and mismatched masks, leaving the previous checkpoint as it was', async () => {
    const dir = await tempFolder();
    const store = new CheckpointStore(dir);
    const runId = randomUUID();
    await store.save(await checkpoint(runId, 7, true));
    const before = await listFolder(dir);
    const badSettings = { ...(await checkpoint(runId, 8, false)), settings: { ...DEFAULT_SETTINGS, iterations: 0 } };
    await expect(store.save(badSettings)).rejects.toThrow(/iterations/);
    const badMask = await checkpoint(randomUUID(), 8, true);
    badMask.inputs!.keepMask = { width: 6, height: 5, data: noise(24, 4) };
    await expect(store.save(badMask)).rejects.toThrow(/keep mask has 24 bytes for 6 × 5 pixels/);
    expect(await listFolder(dir)).toEqual(before);
    expect((await store.load())?.iteration).toBe(7);
  });

  it('clears the checkpoint and anything a crash left, and clearing nothing is fine', async () => {
    const dir = await tempFolder();
    const store = new CheckpointStore(dir);
    await store.save(await checkpoint(randomUUID(), 1, true));
    await writeFile(path.join(dir, '.checkpoint.json.999999-0badc0de.tmp'), 'partial');
    await store.clear();
    expect(await listFolder(dir)).toEqual([]);
    expect(await store.load()).toBeNull();
    await store.clear();
    await new CheckpointStore(path.join(dir, 'never-made')).clear();
  });
});
