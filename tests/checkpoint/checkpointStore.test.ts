import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import { clearCheckpoint, readCheckpoint, writeCheckpoint, type Checkpoint } from '../../main/node/checkpoint/checkpointStore.js';
import { listFolder, useTempFolders } from '../fixtures/tempFolder.js';
import { seededRandom } from '../fixtures/seededRandom.js';

const tempFolder = useTempFolders('pastiche-checkpoint-');

/** Random RGBA pixels, alpha included, so any lossy or alpha-dropping round trip shows. */
function noiseImage(width: number, height: number, seed: number) {
  const random = seededRandom(seed);
  return { width, height, data: Uint8Array.from({ length: width * height * 4 }, () => Math.floor(random() * 256)) };
}

function checkpoint(iteration: number, seed = iteration): Checkpoint {
  return {
    settings: { ...DEFAULT_SETTINGS, seed: 5, iterations: 300, styleBlend: [1, 2] },
    inputs: {
      content: { name: 'Été à Nice.jpg', path: '/photos/Été à Nice.jpg' },
      styles: [{ name: 'wave.png', token: 'tok-123' }, { name: 'stars.webp', path: '/art/stars.webp' }],
    },
    image: noiseImage(20, 13, seed),
    iteration,
    scaleIndex: 1,
  };
}

const images = (names: string[]) => names.filter((n) => n.startsWith('image-'));

describe('run checkpoints', () => {
  it('reads back exactly what was written, and a newer write replaces it', async () => {
    const dir = path.join(await tempFolder(), 'checkpoints', 'run');
    const first = checkpoint(40);
    await writeCheckpoint(dir, first, new Date('2025-03-04T05:06:07.000Z'));
    expect(await readCheckpoint(dir)).toEqual({ ...first, savedAt: '2025-03-04T05:06:07.000Z' });

    const second = checkpoint(80);
    await writeCheckpoint(dir, second);
    const read = await readCheckpoint(dir);
    expect(read?.iteration).toBe(80);
    expect(Buffer.from(read!.image.data).equals(Buffer.from(second.image.data))).toBe(true);
    // One pair, no temp file, no image of the earlier checkpoint.
    const names = await listFolder(dir);
    expect(names).toHaveLength(2);
    expect(names[0]).toBe('checkpoint.json');
    expect(images(names)).toHaveLength(1);
  });

  it('reads none from a folder without a checkpoint, or no folder at all', async () => {
    const dir = await tempFolder();
    expect(await readCheckpoint(dir)).toBeNull();
    expect(await readCheckpoint(path.join(dir, 'missing'))).toBeNull();
  });

  it('ignores what a crash mid-write leaves (temp files, an image not yet committed), and the next write clears it', async () => {
    const dir = await tempFolder();
    await writeCheckpoint(dir, checkpoint(10));
    const committed = await listFolder(dir);
    // A crash while writing the next pair: a half-written record and image in temp files, and a finished image
    // that checkpoint.json does not name yet (the process died before the rename that commits it).
    await writeFile(path.join(dir, '.checkpoint.json.999999-0badc0de.tmp'), '{"version": 1, "sett');
    await writeFile(path.join(dir, '.image-zz-12345678.png.999999-0badc0de.tmp'), Buffer.from([0x89, 0x50]));
    await writeFile(path.join(dir, 'image-zzz-deadbeef.png'), Buffer.from(new Uint8Array(64)));

    const read = await readCheckpoint(dir);
    expect(read?.iteration).toBe(10);
    expect(await listFolder(dir)).toHaveLength(committed.length + 3);

    await writeCheckpoint(dir, checkpoint(20));
    const names = await listFolder(dir);
    expect(names).toHaveLength(2);
    expect(names).not.toContain('image-zzz-deadbeef.png');
    expect((await readCheckpoint(dir))?.iteration).toBe(20);
  });

  const damages: [string, (dir: string, record: Record<string, unknown>) => Promise<void>, RegExp][] = [
    ['a record that is not JSON', (dir) => writeFile(path.join(dir, 'checkpoint.json'), '{"version": 1, "settings": {'), /checkpoint\.json is not valid JSON/],
    [
      'invalid settings',
      (dir, r) => writeFile(path.join(dir, 'checkpoint.json'), JSON.stringify({ ...r, settings: { ...(r.settings as object), size: -1 } })),
      /checkpoint\.settings: size must be/,
    ],
    [
      'an image path outside the folder',
      (dir, r) => writeFile(path.join(dir, 'checkpoint.json'), JSON.stringify({ ...r, image: { ...(r.image as object), file: '../../etc/passwd' } })),
      /checkpoint\.image\.file/,
    ],
    ['an altered image', async (dir, r) => writeFile(path.join(dir, (r.image as { file: string }).file), 'not the image'), /does not match checkpoint\.json/],
  ];

  for (const [what, damage, reason] of damages) {
    it(`moves aside a checkpoint with ${what} and reads none`, async () => {
      const dir = await tempFolder();
      await writeCheckpoint(dir, checkpoint(30));
      const record = JSON.parse(await readFile(path.join(dir, 'checkpoint.json'), 'utf8')) as Record<string, unknown>;
      await damage(dir, record);
      const damagedRecord = await readFile(path.join(dir, 'checkpoint.json'));
      const reports: [string, string][] = [];
      expect(await readCheckpoint(dir, { onCorrupt: (why, movedTo) => reports.push([why, movedTo]) })).toBeNull();

      expect(reports).toHaveLength(1);
      expect(reports[0]![0]).toMatch(reason);
      const aside = reports[0]![1];
      expect(path.dirname(aside)).toBe(dir);
      expect(path.basename(aside)).toMatch(/^corrupt-/);
      // The damaged record is kept, byte for byte, for a bug report; the folder no longer holds a checkpoint.
      expect((await readFile(path.join(aside, 'checkpoint.json'))).equals(damagedRecord)).toBe(true);
      expect(await readdir(dir)).not.toContain('checkpoint.json');
      expect(await readCheckpoint(dir)).toBeNull();

      await writeCheckpoint(dir, checkpoint(31));
      expect((await readCheckpoint(dir))?.iteration).toBe(31);
    });
  }

  it('moves the image aside with a record whose image is altered', async () => {
    const dir = await tempFolder();
    await writeCheckpoint(dir, checkpoint(3));
    const [image] = images(await listFolder(dir));
    await writeFile(path.join(dir, image!), 'truncated');
    let movedTo = '';
    await readCheckpoint(dir, { onCorrupt: (_, to) => (movedTo = to) });
    expect(await listFolder(movedTo)).toEqual(['checkpoint.json', image]);
  });

  it('refuses to write invalid settings, leaving the previous checkpoint as it was', async () => {
    const dir = await tempFolder();
    await writeCheckpoint(dir, checkpoint(7));
    const before = await listFolder(dir);
    const bad = { ...checkpoint(8), settings: { ...DEFAULT_SETTINGS, iterations: 0 } };
    await expect(writeCheckpoint(dir, bad)).rejects.toThrow(/iterations/);
    expect(await listFolder(dir)).toEqual(before);
    expect((await readCheckpoint(dir))?.iteration).toBe(7);
  });

  it('clears the checkpoint and anything a crash left, and clearing nothing is fine', async () => {
    const dir = await tempFolder();
    await writeCheckpoint(dir, checkpoint(1));
    await writeFile(path.join(dir, '.checkpoint.json.999999-0badc0de.tmp'), 'partial');
    await clearCheckpoint(dir);
    expect(await listFolder(dir)).toEqual([]);
    expect(await readCheckpoint(dir)).toBeNull();
    await clearCheckpoint(dir);
    await clearCheckpoint(path.join(dir, 'never-made'));
  });
});
