import { randomUUID } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunCheckpoint } from '../../app/host/contract.js';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import { listFolder, useTempFolders } from '../fixtures/tempFolder.js';
import { picturePng } from '../fixtures/testImages.js';
import { call, makeContext, messageOf, valueOf } from './testContext.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const tempFolder = useTempFolders('pastiche-checkpoint-ipc-');

let userData: string;
let photo: Uint8Array;
let style: Uint8Array;

beforeEach(async () => {
  userData = await tempFolder();
  photo = new Uint8Array(await picturePng(12, 9));
  style = new Uint8Array(await picturePng(5, 5));
});

const settings = { ...DEFAULT_SETTINGS, size: 64, iterations: 40, seed: 3 };

function inputs() {
  return {
    content: { name: 'Photo à Nice.png', bytes: photo },
    styles: [{ name: 'starry.png', bytes: style }],
    styleWeights: [0.5],
    keepMask: { width: 12, height: 9, data: new Uint8Array(108).fill(255) },
  };
}

async function picture(iteration: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width: 32, height: 24, channels: 4, background: { r: iteration * 5, g: 40, b: 90, alpha: 1 } } }).png().toBuffer());
}

/** What main keeps after a restart: a new context on the same user data folder. */
async function loadAfterRestart(): Promise<RunCheckpoint | null> {
  const restarted = await makeContext(userData);
  return valueOf<RunCheckpoint | null>(await call(restarted.ctx, 'checkpointLoad', []));
}

describe('checkpoint handlers', () => {
  it('save, load after a restart, save again without inputs, clear', async () => {
    const { ctx } = await makeContext(userData);
    const runId = randomUUID();
    expect(valueOf(await call(ctx, 'checkpointLoad', []))).toBeNull();

    const first = await picture(10);
    valueOf(await call(ctx, 'checkpointSave', [{ runId, settings, iteration: 10, scaleIndex: 0, image: first, inputs: inputs() }]));
    const loaded = await loadAfterRestart();
    expect(loaded).toMatchObject({ runId, settings, iteration: 10, scaleIndex: 0, inputs: inputs() });
    expect(Buffer.from(loaded!.image).equals(Buffer.from(first))).toBe(true);
    expect(Date.now() - Date.parse(loaded!.savedAt)).toBeLessThan(60_000);
    expect(await readdir(path.join(userData, 'checkpoint'))).toContain('checkpoint.json');

    const second = await picture(20);
    valueOf(await call(ctx, 'checkpointSave', [{ runId, settings, iteration: 20, scaleIndex: 1, image: second }]));
    const later = await loadAfterRestart();
    expect(later?.iteration).toBe(20);
    expect(later?.inputs).toEqual(inputs());
    const { info } = await sharp(later!.image).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([32, 24]);

    valueOf(await call(ctx, 'checkpointClear', []));
    expect(await loadAfterRestart()).toBeNull();
    expect(await listFolder(path.join(userData, 'checkpoint'))).toEqual([]);
  });

  it('moves a damaged checkpoint aside and answers none', async () => {
    const { ctx } = await makeContext(userData);
    valueOf(await call(ctx, 'checkpointSave', [{ runId: randomUUID(), settings, iteration: 5, scaleIndex: 0, image: await picture(5), inputs: inputs() }]));
    const folder = path.join(userData, 'checkpoint');
    const record = JSON.parse(await readFile(path.join(folder, 'checkpoint.json'), 'utf8')) as { inputs: { content: { file: string } } };
    await writeFile(path.join(folder, record.inputs.content.file), photo.subarray(0, 20));

    expect(await loadAfterRestart()).toBeNull();
    const [aside] = (await readdir(folder)).filter((n) => n.startsWith('corrupt-'));
    expect(aside).toBeDefined();
    expect(await readdir(path.join(folder, aside!))).toContain('checkpoint.json');
    expect(await readdir(folder)).not.toContain('checkpoint.json');
  });

  it('refuses bad saves with a clear message, keeping the checkpoint as it was', async () => {
    const { ctx } = await makeContext(userData);
    const runId = randomUUID();
    valueOf(await call(ctx, 'checkpointSave', [{ runId, settings, iteration: 5, scaleIndex: 0, image: await picture(5), inputs: inputs() }]));
    const before = await listFolder(path.join(userData, 'checkpoint'));

    expect(messageOf(await call(ctx, 'checkpointSave', [{ runId: randomUUID(), settings, iteration: 6, scaleIndex: 0, image: await picture(6) }]))).toBe(
      'The first checkpoint of a run must include its inputs.',
    );
    expect(messageOf(await call(ctx, 'checkpointSave', [{ runId, settings, iteration: 6, scaleIndex: 0, image: new TextEncoder().encode('GIF89a') }]))).toMatch(
      /^checkpointSave: invalid request \(argument 1 \(image\): not a PNG image\)$/,
    );
    expect(
      messageOf(await call(ctx, 'checkpointSave', [{ runId, settings, iteration: 6, scaleIndex: 0, image: await picture(6), inputs: { ...inputs(), styleWeights: [] } }])),
    ).toMatch(/one blend weight per style/);
    expect(await listFolder(path.join(userData, 'checkpoint'))).toEqual(before);
    expect((await loadAfterRestart())?.iteration).toBe(5);
  });
});
