import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import { RUN_RECORD_APP, type RunRecord } from '../../app/run/runRecord.js';
import { withPngRunRecord } from '../../renderer/metadata/pngRunRecord.js';
import { listFolder, useTempFolders } from '../fixtures/tempFolder.js';
import { unwritableFolder, unwritableUnavailable } from '../fixtures/unwritableFolder.js';
import { picturePng } from '../fixtures/testImages.js';
import { electron } from './fakeElectron.js';
import { call, makeContext, messageOf, valueOf, type TestContext } from './testContext.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const tempFolder = useTempFolders('pastiche-outfolder-');

let t: TestContext;
let out: string;
let png: Uint8Array;

const record: RunRecord = {
  app: RUN_RECORD_APP,
  appVersion: '0.1.0',
  settings: { ...DEFAULT_SETTINGS, size: 64, iterations: 20, seed: 7 },
  seed: 7,
  model: { location: '/models/vgg19', layers: { content: ['conv2_2'], style: ['conv1_1', 'conv2_1'] } },
  inputs: { content: 'chelsea.jpg', styles: ['starry_night.jpg'] },
  createdAt: '2026-01-02T03:04:05.000Z',
};

beforeEach(async () => {
  vi.clearAllMocks();
  t = await makeContext(await tempFolder());
  out = await tempFolder();
  electron.app.getPath.mockImplementation(() => out);
  png = new Uint8Array(await picturePng(16, 12));
});

/** Chooses `folder` in the (fake) folder dialog and returns the token main issued for it. */
async function chooseFolder(folder = out): Promise<string> {
  electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [folder] });
  const chosen = valueOf<{ token: string; displayPath: string } | null>(await call(t.ctx, 'chooseOutputFolder', []));
  expect(chosen).toMatchObject({ displayPath: folder });
  return chosen!.token;
}

describe('chooseOutputFolder', () => {
  it('shows a folder dialog and grants only the chosen folder; a cancelled dialog grants nothing', async () => {
    const token = await chooseFolder();
    const options = electron.dialog.showOpenDialog.mock.calls[0]![0] as { properties: string[] };
    expect(options.properties).toEqual(['openDirectory', 'createDirectory']);
    expect(t.ctx.outputFolders.resolve(token)).toBe(out);
    expect(t.ctx.grants.size).toBe(0);

    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(valueOf(await call(t.ctx, 'chooseOutputFolder', []))).toBeNull();
    expect(t.ctx.outputFolders.size).toBe(1);
  });
});

describe('writeToFolder', () => {
  it('writes exactly the bytes into the chosen folder and leaves no temp file', async () => {
    const token = await chooseFolder();
    const result = valueOf(await call(t.ctx, 'writeToFolder', [token, 'chelsea-starry night.png', png]));
    expect(result).toEqual({ saved: true, displayPath: path.join(out, 'chelsea-starry night.png') });
    expect(new Uint8Array(await readFile(path.join(out, 'chelsea-starry night.png')))).toEqual(png);
    expect(await listFolder(out)).toEqual(['chelsea-starry night.png']);
  });

  it('never replaces a file: an existing name is reported and the file keeps its bytes', async () => {
    const token = await chooseFolder();
    await writeFile(path.join(out, 'taken.png'), 'the user’s own file');
    expect(valueOf(await call(t.ctx, 'writeToFolder', [token, 'taken.png', png]))).toEqual({ saved: false, reason: 'exists' });
    expect(await readFile(path.join(out, 'taken.png'), 'utf8')).toBe('the user’s own file');
    expect(await listFolder(out)).toEqual(['taken.png']);
  });

  it('refuses names that leave the folder or hide, with the reason, and writes nothing', async () => {
    const inner = path.join(out, 'inner');
    await mkdir(inner);
    const token = await chooseFolder(inner);
    for (const name of ['../escape.png', '..', 'a/b.png', 'a\\b.png', '.hidden.png', 'con.png', 'x'.repeat(241)]) {
      expect(messageOf(await call(t.ctx, 'writeToFolder', [token, name, png])), name).toMatch(/^writeToFolder: invalid request \(argument 2: the file name .+\)$/);
    }
    expect(await listFolder(out)).toEqual(['inner']);
    expect(await listFolder(inner)).toEqual([]);
  });

  it('refuses tokens it did not issue for a folder, and bytes that are not an image', async () => {
    const token = await chooseFolder();
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path.join(out, 'photo.png')] });
    await writeFile(path.join(out, 'photo.png'), png);
    // A file granted when the user opened it is no output folder.
    const [opened] = valueOf<{ token: string }[]>(await call(t.ctx, 'openImages', ['content', false]));
    expect(messageOf(await call(t.ctx, 'writeToFolder', [opened!.token, 'a.png', png]))).toBe('this output folder is no longer available; choose it again');
    expect(messageOf(await call(t.ctx, 'writeToFolder', [token, 'notes.png', new TextEncoder().encode('text')]))).toBe(
      '“notes.png” is not PNG, JPEG or WebP data; nothing was saved.',
    );
    expect(await listFolder(out)).toEqual(['photo.png']);
  });

  it.skipIf(unwritableUnavailable !== null)('reports a folder it may not write into, leaving nothing behind', async () => {
    const locked = await unwritableFolder(out);
    try {
      const token = await chooseFolder(locked.path);
      const file = path.join(locked.path, 'pastiche-a.png');
      expect(messageOf(await call(t.ctx, 'writeToFolder', [token, 'pastiche-a.png', png])), locked.how).toBe(`cannot write ${file}: permission denied in ${locked.path}`);
      expect(locked.leftovers('pastiche-a.png')).toEqual([]);
    } finally {
      await locked.release();
    }
  });
});

describe('folderFileRecord', () => {
  it('reads back the run record of a result the studio wrote, and says when a name is free or carries none', async () => {
    const token = await chooseFolder();
    expect(valueOf(await call(t.ctx, 'writeToFolder', [token, 'chelsea-starry_night.png', withPngRunRecord(png, record)]))).toMatchObject({ saved: true });
    expect(valueOf(await call(t.ctx, 'folderFileRecord', [token, 'chelsea-starry_night.png']))).toEqual({ exists: true, record });

    expect(valueOf(await call(t.ctx, 'folderFileRecord', [token, 'absent.png']))).toEqual({ exists: false });
    await writeFile(path.join(out, 'plain.png'), png);
    expect(valueOf(await call(t.ctx, 'folderFileRecord', [token, 'plain.png']))).toEqual({ exists: true, record: null });
    await writeFile(path.join(out, 'notes.png'), 'not an image');
    expect(valueOf(await call(t.ctx, 'folderFileRecord', [token, 'notes.png']))).toEqual({ exists: true, record: null });
    await mkdir(path.join(out, 'folder.png'));
    expect(valueOf(await call(t.ctx, 'folderFileRecord', [token, 'folder.png']))).toEqual({ exists: true, record: null });
    expect(messageOf(await call(t.ctx, 'folderFileRecord', [token, '../outside.png']))).toMatch(/argument 2: the file name/);
  });
});
