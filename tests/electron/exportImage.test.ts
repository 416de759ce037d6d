import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listFolder, useTempFolders } from '../fixtures/tempFolder.js';
import { pictureJpeg, picturePng } from '../fixtures/testImages.js';
import { electron } from './fakeElectron.js';
import { call, makeContext, messageOf, valueOf, type TestContext } from './testContext.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const tempFolder = useTempFolders('pastiche-export-');

let t: TestContext;
let out: string;
let png: Uint8Array;

beforeEach(async () => {
  vi.clearAllMocks();
  t = await makeContext(await tempFolder());
  out = await tempFolder();
  electron.app.getPath.mockImplementation(() => out);
  png = new Uint8Array(await picturePng(16, 12));
});

/** The save dialog answers `file` (as if the user chose it and, for an existing file, confirmed replacing it). */
function dialogChooses(file: string): void {
  electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: file });
}

type Saved = { saved: true; token: string; displayPath: string };

describe('exportImage', () => {
  it('writes exactly the bytes sent, leaving no temp file, and returns a token for reveal', async () => {
    dialogChooses(path.join(out, 'chelsea-starry.png'));
    const result = valueOf<Saved>(await call(t.ctx, 'exportImage', [{ suggestedName: 'chelsea-starry.png', format: 'png', bytes: png }]));
    expect(result).toMatchObject({ saved: true, displayPath: path.join(out, 'chelsea-starry.png') });
    expect(new Uint8Array(await readFile(result.displayPath))).toEqual(png);
    expect(await listFolder(out)).toEqual(['chelsea-starry.png']);

    expect(await call(t.ctx, 'revealInFolder', [result.token])).toEqual({ ok: true, value: undefined });
    expect(electron.shell.showItemInFolder).toHaveBeenCalledWith(result.displayPath);
  });

  it('proposes the suggested name with the format extension in the last export folder, with a filter for the format', async () => {
    dialogChooses(path.join(out, 'first.jpg'));
    await call(t.ctx, 'exportImage', [{ suggestedName: 'first', format: 'jpeg', bytes: await pictureJpeg(8, 8) }]);
    // No window is open in these tests, so the dialog gets its options as the only argument.
    const first = electron.dialog.showSaveDialog.mock.calls[0]![0] as { defaultPath: string; filters: unknown; properties: string[] };
    expect(first.defaultPath).toBe(path.join(out, 'first.jpg'));
    expect(first.filters).toEqual([{ name: 'JPEG image', extensions: ['jpg', 'jpeg'] }]);
    expect(first.properties).toContain('showOverwriteConfirmation');

    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await call(t.ctx, 'exportImage', [{ suggestedName: 'a/b:c*?.png', format: 'webp', bytes: Buffer.from('RIFF\0\0\0\0WEBPVP8 ') }]);
    const second = electron.dialog.showSaveDialog.mock.calls[1]![0] as { defaultPath: string };
    expect(second.defaultPath).toBe(path.join(out, 'a-b-c--.png.webp'));
  });

  it('replaces an existing file only when the dialog returned that very path (the system confirmed it)', async () => {
    const target = path.join(out, 'result.png');
    await writeFile(target, 'old');
    dialogChooses(target);
    valueOf(await call(t.ctx, 'exportImage', [{ suggestedName: 'result.png', format: 'png', bytes: png }]));
    expect(new Uint8Array(await readFile(target))).toEqual(png);
    expect(await listFolder(out)).toEqual(['result.png']);
  });

  it('never replaces a file the dialog did not name: a name completed with the extension must be new', async () => {
    await writeFile(path.join(out, 'result.png'), 'keep me');
    dialogChooses(path.join(out, 'result'));
    const message = messageOf(await call(t.ctx, 'exportImage', [{ suggestedName: 'result.png', format: 'png', bytes: png }]));
    expect(message).toBe(`${path.join(out, 'result.png')} already exists`);
    expect(await readFile(path.join(out, 'result.png'), 'utf8')).toBe('keep me');
    expect(await listFolder(out)).toEqual(['result.png']);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await call(t.ctx, 'exportImage', [{ suggestedName: 'x.png', format: 'png', bytes: png }])).toEqual({ ok: true, value: { saved: false } });
    expect(await listFolder(out)).toEqual([]);
  });

  it('refuses bytes that are not of the format named, before asking where to save', async () => {
    const jpeg = await pictureJpeg(8, 8);
    expect(messageOf(await call(t.ctx, 'exportImage', [{ suggestedName: 'x.png', format: 'png', bytes: jpeg }]))).toBe(
      'The image to export is not PNG data; nothing was saved.',
    );
    expect(electron.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('reports a folder that cannot be written, leaving nothing behind', async () => {
    dialogChooses(path.join(out, 'missing-folder', 'x.png'));
    expect(messageOf(await call(t.ctx, 'exportImage', [{ suggestedName: 'x.png', format: 'png', bytes: png }]))).toMatch(/the folder .*missing-folder does not exist/);
    expect(await listFolder(out)).toEqual([]);
  });

  it('says so when an exported file was deleted before "reveal"', async () => {
    dialogChooses(path.join(out, 'gone.png'));
    const { token, displayPath } = valueOf<Saved>(await call(t.ctx, 'exportImage', [{ suggestedName: 'gone.png', format: 'png', bytes: png }]));
    await import('node:fs/promises').then((fs) => fs.rm(displayPath));
    expect(messageOf(await call(t.ctx, 'revealInFolder', [token]))).toBe('"gone.png" no longer exists where it was saved.');
    expect(electron.shell.showItemInFolder).not.toHaveBeenCalled();
  });
});
