import { mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageFile, RecentFile } from '../../app/host/contract.js';
import { MAX_IMAGE_FILE_BYTES } from '../../main/electron/files/readImageFile.js';
import { sniffImage } from '../../main/electron/files/imageSignature.js';
import { useTempFolders } from '../fixtures/tempFolder.js';
import { pictureJpeg, picturePng, pictureSharp } from '../fixtures/testImages.js';
import { electron } from './fakeElectron.js';
import { call, makeContext, messageOf, valueOf, type TestContext } from './testContext.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const tempFolder = useTempFolders('pastiche-open-');

let t: TestContext;
let pictures: string;

beforeEach(async () => {
  vi.clearAllMocks();
  t = await makeContext(await tempFolder());
  pictures = path.join(await tempFolder(), 'My Pictures ✓');
  await mkdir(pictures);
});

async function picture(name: string, bytes: Uint8Array | string): Promise<string> {
  const file = path.join(pictures, name);
  await writeFile(file, bytes);
  return file;
}

function dialogOpens(...files: string[]): void {
  electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: files });
}

describe('openImages', () => {
  it('reads the chosen images, gives each a token, remembers them and the folder', async () => {
    const png = await picturePng(10, 6);
    const files = [await picture('Starry night.png', png), await picture('wave.jpg', await pictureJpeg(8, 8))];
    dialogOpens(...files);
    const images = valueOf<ImageFile[]>(await call(t.ctx, 'openImages', ['style', true]));
    expect(images.map((i) => i.name)).toEqual(['Starry night.png', 'wave.jpg']);
    expect(new Uint8Array(images[0]!.bytes)).toEqual(new Uint8Array(png));
    expect(images.every((i) => /^[0-9a-f-]{36}$/.test(i.token!))).toBe(true);
    expect(t.ctx.grants.resolve(images[1]!.token!).path).toBe(files[1]);

    const options = electron.dialog.showOpenDialog.mock.calls[0]![0] as { properties: string[]; filters: Array<{ extensions: string[] }> };
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
    expect(options.filters[0]!.extensions).toEqual(expect.arrayContaining(['jpg', 'png', 'webp', 'gif', 'bmp', 'tif']));
    expect(t.ctx.settings.folder('style')).toBe(pictures);
    expect(t.recentChanged).toHaveBeenCalled();

    const recent = valueOf<RecentFile[]>(await call(t.ctx, 'recentFiles', []));
    expect(recent.map((r) => [r.name, r.role])).toEqual([
      ['wave.jpg', 'style'],
      ['Starry night.png', 'style'],
    ]);
  });

  it('opens a single content image and returns [] when cancelled', async () => {
    expect(valueOf(await call(t.ctx, 'openImages', ['content', false]))).toEqual([]);
    const options = electron.dialog.showOpenDialog.mock.calls[0]![0] as { properties: string[]; title: string };
    expect(options).toMatchObject({ properties: ['openFile'], title: 'Open content image' });
  });

  it('refuses files that are not images, with the file named', async () => {
    dialogOpens(await picture('notes.png', 'just text, despite the name'));
    expect(messageOf(await call(t.ctx, 'openImages', ['content', false]))).toBe(
      '"notes.png" is not an image Pastiche can open (use JPEG, PNG, WebP, GIF, BMP, TIFF).',
    );
    dialogOpens(await picture('empty.jpg', ''));
    expect(messageOf(await call(t.ctx, 'openImages', ['content', false]))).toBe('"empty.jpg" is empty (0 bytes), so it holds no image.');
    expect(t.ctx.grants.size).toBe(0);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const huge = await picture('huge.png', await picturePng(4, 4));
    await truncate(huge, MAX_IMAGE_FILE_BYTES + 1);
    dialogOpens(huge);
    expect(messageOf(await call(t.ctx, 'openImages', ['content', false]))).toBe('"huge.png" is 129 MB; Pastiche opens images up to 128 MB.');
  });

  it('hands TIFF images over as PNG, which the studio can decode', async () => {
    dialogOpens(await picture('scan.tiff', await pictureSharp(12, 9).tiff().toBuffer()));
    const [image] = valueOf<ImageFile[]>(await call(t.ctx, 'openImages', ['content', false]));
    expect(image!.name).toBe('scan.tiff');
    expect(sniffImage(image!.bytes)).toBe('png');
    expect(await sharp(image!.bytes).metadata()).toMatchObject({ width: 12, height: 9 });
  });
});

describe('readDroppedFile', () => {
  it('reads a dropped file by the path Electron gave, with a token but no recent entry (no role is known)', async () => {
    const file = await picture('dropped.png', await picturePng(5, 5));
    const image = valueOf<ImageFile>(await call(t.ctx, 'readDroppedFile', [{ path: file }]));
    expect(image.name).toBe('dropped.png');
    expect(t.ctx.grants.resolve(image.token!).path).toBe(file);
    expect(await t.ctx.recent.list()).toEqual([]);
  });

  it('checks pasted bytes the same way and gives them no token', async () => {
    const png = new Uint8Array(await picturePng(5, 5));
    expect(valueOf(await call(t.ctx, 'readDroppedFile', [{ name: 'image.png', bytes: png }]))).toEqual({ name: 'image.png', bytes: png });
    expect(messageOf(await call(t.ctx, 'readDroppedFile', [{ name: 'clip.png', bytes: new Uint8Array([1, 2, 3]) }]))).toMatch(/^"clip.png" is not an image/);
    expect(t.ctx.grants.size).toBe(0);
  });

  it('refuses a dropped folder or a file that has gone', async () => {
    expect(messageOf(await call(t.ctx, 'readDroppedFile', [{ path: pictures }]))).toBe('"My Pictures ✓" is a folder, not an image.');
    expect(messageOf(await call(t.ctx, 'readDroppedFile', [{ path: path.join(pictures, 'gone.png') }]))).toBe('"gone.png" no longer exists.');
  });
});

describe('recent files', () => {
  it('reopen through their tokens; a file that has gone is dropped from the list', async () => {
    const keep = await picture('keep.png', await picturePng(4, 4));
    const gone = await picture('gone.png', await picturePng(4, 4));
    dialogOpens(keep);
    await call(t.ctx, 'openImages', ['content', false]);
    dialogOpens(gone);
    await call(t.ctx, 'openImages', ['style', false]);
    const [goneEntry, keepEntry] = valueOf<RecentFile[]>(await call(t.ctx, 'recentFiles', []));
    expect(goneEntry).toMatchObject({ name: 'gone.png', role: 'style' });

    expect(valueOf<ImageFile>(await call(t.ctx, 'openRecent', [keepEntry!.token])).name).toBe('keep.png');
    await rm(gone);
    expect(messageOf(await call(t.ctx, 'openRecent', [goneEntry!.token]))).toBe('That file is no longer in the recent list (it was moved or deleted).');
    expect(valueOf<RecentFile[]>(await call(t.ctx, 'recentFiles', [])).map((r) => r.name)).toEqual(['keep.png']);
  });

  it('persist, newest first, at most ten, one entry per file', async () => {
    const files = await Promise.all(Array.from({ length: 12 }, async (_, i) => picture(`p${i}.png`, await picturePng(2, 2))));
    for (const file of files) await t.ctx.recent.add(file, 'content');
    await t.ctx.recent.add(files[5]!, 'style');
    const again = await makeContext(t.userData);
    const list = await again.ctx.recent.list();
    expect(list.map((e) => path.basename(e.path))).toEqual(['p5.png', 'p11.png', 'p10.png', 'p9.png', 'p8.png', 'p7.png', 'p6.png', 'p4.png', 'p3.png', 'p2.png']);
    expect(list[0]!.role).toBe('style');
  });

  it('refuse a token that was issued for a file no longer listed', async () => {
    const file = await picture('dropped.png', await picturePng(4, 4));
    const { token } = valueOf<ImageFile>(await call(t.ctx, 'readDroppedFile', [{ path: file }]));
    expect(messageOf(await call(t.ctx, 'openRecent', [token]))).toMatch(/no longer in the recent list/);
  });
});
