import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageFile, RecentFile } from '../../app/host/contract.js';
import { MAX_IMAGE_PIXELS } from '../../main/electron/files/readImageFile.js';
import { MAX_PIXELS } from '../../renderer/image/decodeImage.js';
import { brokenCases, CMYK_RED, decodeCases, hugePngFile, UNICODE_PHOTO, UNICODE_STYLE, type BrokenCase, type DecodeCase } from '../fixtures/badImages.js';
import { FILLER, fullFolder, mountUnavailable, readOnlyFolder, type LimitedFolder } from '../fixtures/limitedFolders.js';
import { listFolder, useTempFolders } from '../fixtures/tempFolder.js';
import { picturePng } from '../fixtures/testImages.js';
import { electron } from '../electron/fakeElectron.js';
import { call, makeContext, messageOf, valueOf, type TestContext } from '../electron/testContext.js';

// The Electron main process meets bad input: open (dialog), drop (path or pasted bytes), the recent list, and export.

vi.mock('electron', async () => (await import('../electron/fakeElectron.js')).electron);

const tempFolder = useTempFolders('pastiche-bad-electron-');

let decodable: DecodeCase[];
let broken: Awaited<ReturnType<typeof brokenCases>>;
let hugePng: Buffer;
let t: TestContext;
let pictures: string;

beforeAll(async () => {
  decodable = await decodeCases();
  broken = await brokenCases();
  hugePng = await readFile(await hugePngFile());
}, 120_000);

beforeEach(async () => {
  vi.clearAllMocks();
  t = await makeContext(await tempFolder());
  pictures = path.join(await tempFolder(), 'Mes images ✓ 2024');
  await mkdir(pictures);
});

async function picture(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(pictures, name);
  await writeFile(file, bytes);
  return file;
}

const dialogOpens = (...files: string[]) => electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: files });

/** The three ways a file reaches main: the open dialog, a drop with its path, and a paste (bytes, no path). */
const WAYS = {
  async open(name: string, bytes: Uint8Array) {
    dialogOpens(await picture(name, bytes));
    return call(t.ctx, 'openImages', ['content', false]);
  },
  async drop(name: string, bytes: Uint8Array) {
    return call(t.ctx, 'readDroppedFile', [{ path: await picture(name, bytes) }]);
  },
  async paste(name: string, bytes: Uint8Array) {
    return call(t.ctx, 'readDroppedFile', [{ name, bytes: new Uint8Array(bytes) }]);
  },
} as const;
type Way = keyof typeof WAYS;

/** The image a successful open, drop or paste returned. */
function imageOf(way: Way, reply: Awaited<ReturnType<typeof call>>): ImageFile {
  return way === 'open' ? valueOf<ImageFile[]>(reply)[0]! : valueOf<ImageFile>(reply);
}

const HUGE_MESSAGE = (name: string) =>
  `"${name}" is 20000 × 20000 pixels (400 megapixels); Pastiche opens images up to 40 megapixels. Scale it down and try again.`;

/** Refusals: the sentence the studio shows; `unreadable` marks files whose problem shows before any bytes are read. */
const REFUSED: [keyof typeof broken | 'hugePng' | 'headerCut', (c: BrokenCase) => string][] = [
  ['empty', (c) => `"${c.name}" is empty (0 bytes), so it holds no image.`],
  ['text', (c) => `"${c.name}" is not an image Pastiche can open (use JPEG, PNG, WebP, GIF, BMP, TIFF).`],
  ['hugeJpegHeader', (c) => HUGE_MESSAGE(c.name)],
  ['hugePng', (c) => HUGE_MESSAGE(c.name)],
  ['headerCut', (c) => `"${c.name}" is damaged or incomplete: its PNG header cannot be read.`],
];

function refusedCase(key: (typeof REFUSED)[number][0]): BrokenCase {
  if (key === 'hugePng') return { what: 'a genuine 20000×20000 PNG', name: 'panorama.png', bytes: hugePng };
  if (key === 'headerCut') return { what: 'a PNG cut inside its header', name: 'stub.png', bytes: broken.truncatedPng.bytes.subarray(0, 30) };
  return broken[key];
}

describe('the studio limit', () => {
  it('is the same in main (checked before handing bytes over) and in the renderer (checked before decoding)', () => {
    expect(MAX_IMAGE_PIXELS).toBe(MAX_PIXELS);
  });
});

describe.each(Object.keys(WAYS) as Way[])('%s: awkward images that decode are handed to the studio unchanged', (way) => {
  it('16-bit, CMYK, alpha and greyscale images, byte for byte', async () => {
    for (const c of decodable) {
      const image = imageOf(way, await WAYS[way](c.name, c.bytes));
      expect(image.name, c.what).toBe(c.name);
      expect(Buffer.from(image.bytes).equals(c.bytes), c.what).toBe(true);
    }
  });

  // The headers are intact, so main passes them on; Chromium refuses the pixel data (tests/e2e/badInput.test.ts).
  it('truncated JPEG and PNG whose headers are intact', async () => {
    for (const c of [broken.truncatedJpeg, broken.truncatedPng]) {
      expect(Buffer.from(imageOf(way, await WAYS[way](c.name, c.bytes)).bytes).equals(c.bytes), c.what).toBe(true);
    }
  });
});

describe.each(Object.keys(WAYS) as Way[])('%s: files that are refused with one sentence, and no token', (way) => {
  for (const [key, message] of REFUSED) {
    it(key, async () => {
      const c = refusedCase(key);
      // An empty paste is stopped by the empty-file check too: the same sentence whichever way it came.
      expect(messageOf(await WAYS[way](c.name, c.bytes))).toBe(message(c));
      expect(t.ctx.grants.size).toBe(0);
      expect(await t.ctx.recent.list()).toEqual([]);
    });
  }
});

describe('TIFF, which Chromium cannot decode', () => {
  it('a CMYK TIFF reaches the studio as an sRGB PNG of its colours', async () => {
    const [r, g, b] = CMYK_RED;
    const tiff = await sharp({ create: { width: 12, height: 8, channels: 3, background: { r, g, b } } }).toColourspace('cmyk').tiff().toBuffer();
    expect((await sharp(tiff).metadata()).space).toBe('cmyk');
    const image = imageOf('drop', await WAYS.drop('scan – CMYK.tif', tiff));
    const { data, info } = await sharp(image.bytes).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([12, 8, 3]);
    expect(Math.max(...CMYK_RED.map((v, c) => Math.abs(v - data[c]!)))).toBeLessThanOrEqual(40);
  });
});

describe('the recent list', () => {
  it('refuses a recent file that has since become empty, damaged or huge, with the same sentences', async () => {
    const file = await picture('souvenir.png', await picturePng(8, 8));
    dialogOpens(file);
    await call(t.ctx, 'openImages', ['content', false]);
    const [entry] = valueOf<RecentFile[]>(await call(t.ctx, 'recentFiles', []));

    await writeFile(file, hugePng);
    expect(messageOf(await call(t.ctx, 'openRecent', [entry!.token]))).toBe(HUGE_MESSAGE('souvenir.png'));
    await writeFile(file, broken.text.bytes);
    expect(messageOf(await call(t.ctx, 'openRecent', [entry!.token]))).toBe('"souvenir.png" is not an image Pastiche can open (use JPEG, PNG, WebP, GIF, BMP, TIFF).');
    await truncate(file, 0);
    expect(messageOf(await call(t.ctx, 'openRecent', [entry!.token]))).toBe('"souvenir.png" is empty (0 bytes), so it holds no image.');
  });
});

describe('file names with accents, spaces and an emoji', () => {
  it('open, drop, the recent list and export keep them exactly', async () => {
    const [photo, style] = [decodable[3]!, decodable[2]!];
    const photoFile = await picture(UNICODE_PHOTO, photo.bytes);
    dialogOpens(photoFile);
    const [opened] = valueOf<ImageFile[]>(await call(t.ctx, 'openImages', ['content', false]));
    expect(opened!.name).toBe(UNICODE_PHOTO);
    expect(t.ctx.grants.resolve(opened!.token!).path).toBe(photoFile);
    expect(t.ctx.settings.folder('content')).toBe(pictures);

    const dropped = valueOf<ImageFile>(await call(t.ctx, 'readDroppedFile', [{ path: await picture(UNICODE_STYLE, style.bytes) }]));
    expect(dropped.name).toBe(UNICODE_STYLE);

    const [recent] = valueOf<RecentFile[]>(await call(t.ctx, 'recentFiles', []));
    expect(recent!.name).toBe(UNICODE_PHOTO);
    expect(valueOf<ImageFile>(await call(t.ctx, 'openRecent', [recent!.token])).name).toBe(UNICODE_PHOTO);

    // The studio suggests "café_photo_🌅-Ölgemälde_–_Stil.png" (renderer/image/exportName.ts); the dialog proposes it as it is.
    electron.app.getPath.mockImplementation(() => pictures);
    const chosen = path.join(pictures, 'café photo 🌅 – Ölgemälde.png');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen });
    const png = new Uint8Array(await picturePng(12, 8));
    const saved = valueOf<{ displayPath: string }>(await call(t.ctx, 'exportImage', [{ suggestedName: 'café_photo_🌅-Ölgemälde_–_Stil.png', format: 'png', bytes: png }]));
    const options = electron.dialog.showSaveDialog.mock.calls[0]![0] as { defaultPath: string };
    expect(options.defaultPath).toBe(path.join(pictures, 'café_photo_🌅-Ölgemälde_–_Stil.png'));
    expect(saved.displayPath).toBe(chosen);
    expect(new Uint8Array(await readFile(chosen))).toEqual(png);
    expect(await listFolder(pictures)).toEqual([UNICODE_PHOTO, 'café photo 🌅 – Ölgemälde.png', UNICODE_STYLE].sort());
  });
});

describe.skipIf(mountUnavailable !== null)('export into a folder that refuses writes (a read-only or a full tmpfs)', () => {
  const OLD = 'the user’s earlier export, not a PNG at all';
  let folder: LimitedFolder | null = null;
  let png: Uint8Array;

  beforeEach(async () => {
    png = new Uint8Array(await picturePng(64, 48));
  });

  afterEach(() => {
    folder?.release();
    folder = null;
  });

  async function exportTo(file: string): Promise<string> {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: file });
    return messageOf(await call(t.ctx, 'exportImage', [{ suggestedName: path.basename(file), format: 'png', bytes: png }]));
  }

  it('read-only: one sentence; the confirmed-replace target and the folder are untouched', async () => {
    folder = await readOnlyFolder(path.join(await tempFolder(), 'Exports ✓'), { 'result.png': OLD });
    const target = path.join(folder.path, 'result.png');
    expect(await exportTo(target)).toBe(`cannot write ${target}: ${folder.path} is on a read-only file system`);
    expect(await exportTo(path.join(folder.path, 'new.png'))).toBe(`cannot write ${path.join(folder.path, 'new.png')}: ${folder.path} is on a read-only file system`);
    expect(await readFile(target, 'utf8')).toBe(OLD);
    expect(await listFolder(folder.path)).toEqual(['result.png']);
    expect(t.ctx.grants.size).toBe(0);
  });

  it('full: one sentence; no temp or partial file, and the file it would have replaced is untouched', async () => {
    folder = await fullFolder(path.join(await tempFolder(), 'Exports ✓'), { [UNICODE_STYLE]: OLD });
    const target = path.join(folder.path, UNICODE_STYLE);
    expect(await exportTo(target)).toBe(`cannot write ${target}: the disk is full`);
    expect(await exportTo(path.join(folder.path, 'new.png'))).toBe(`cannot write ${path.join(folder.path, 'new.png')}: the disk is full`);
    expect(await readFile(target, 'utf8')).toBe(OLD);
    expect(await listFolder(folder.path)).toEqual([FILLER, UNICODE_STYLE].sort());
  });
});

if (mountUnavailable) console.warn(`Skipping the read-only and full export folder tests: ${mountUnavailable}.`);
