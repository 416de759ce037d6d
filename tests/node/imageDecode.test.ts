import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_PIXELS, decodeImageBytes, decodeImageFile } from '../../main/node/image/decodeImage.js';
import { ImageFileError } from '../../main/node/image/imageFileError.js';
import { PNG_GREY, PNG_RGB, blackBilevelPng, handMadePng, pictureJpeg, picturePng, pictureRgb, pictureSharp } from '../fixtures/testImages.js';
import { useTempFolders } from '../fixtures/tempFolder.js';

const tempFolder = useTempFolders();

const pixel = (img: { width: number; data: Uint8Array | Uint8ClampedArray }, x: number, y: number) => {
  const i = (y * img.width + x) * 4;
  return [...img.data.subarray(i, i + 4)];
};

async function expectDecodeError(bytes: Uint8Array, reason: RegExp): Promise<void> {
  const error = await decodeImageBytes(bytes, '/photos/x.img').then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageFileError);
  expect((error as Error).message).toMatch(/^\/photos\/x\.img: /);
  expect((error as Error).message).toMatch(reason);
}

describe('decodeImage: pixels', () => {
  it('decodes a PNG to the exact RGBA pixels', async () => {
    const src = pictureRgb(7, 5);
    const img = await decodeImageBytes(await picturePng(7, 5), 'p.png');
    expect([img.width, img.height, img.data.length]).toEqual([7, 5, 7 * 5 * 4]);
    for (const [x, y] of [[0, 0], [6, 0], [3, 2], [6, 4]] as const) {
      const i = (y * 7 + x) * 3;
      expect(pixel(img, x, y)).toEqual([src.data[i], src.data[i + 1], src.data[i + 2], 255]);
    }
  });

  it('applies EXIF orientation 6 (rotate 90° clockwise): width and height swap and the pixels turn', async () => {
    // The picture's red channel grows left to right; after a clockwise turn it grows top to bottom.
    const jpeg = await pictureSharp(40, 20).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(jpeg).metadata()).orientation).toBe(6);
    const img = await decodeImageBytes(jpeg, 'turned.jpg');
    expect([img.width, img.height]).toEqual([20, 40]);
    expect(pixel(img, 10, 1)[0]).toBeLessThan(30);
    expect(pixel(img, 10, 38)[0]).toBeGreaterThan(225);
  });

  it('flattens transparency onto white', async () => {
    // Half-transparent (100, 150, 200) over white is (100 + 255)/2 … = (177.5, 202.5, 227.5).
    const rgba = Buffer.from([100, 150, 200, 128, 10, 20, 30, 0, 10, 20, 30, 255, 0, 0, 0, 128]);
    const png = await sharp(rgba, { raw: { width: 2, height: 2, channels: 4 } }).png().toBuffer();
    const img = await decodeImageBytes(png, 'alpha.png');
    const near = (got: number[], want: number[]) => got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(1));
    near(pixel(img, 0, 0), [178, 202, 228, 255]);
    expect(pixel(img, 1, 0)).toEqual([255, 255, 255, 255]);
    expect(pixel(img, 0, 1)).toEqual([10, 20, 30, 255]);
    near(pixel(img, 1, 1), [127, 127, 127, 255]);
  });

  it('turns a greyscale image into three equal channels', async () => {
    const grey = Buffer.from([0, 60, 120, 250, 33, 77]);
    const png = handMadePng(3, 2, 8, PNG_GREY, grey);
    expect((await sharp(png).metadata()).channels).toBe(1);
    const img = await decodeImageBytes(png, 'grey.png');
    [...grey].forEach((g, k) => expect(pixel(img, k % 3, Math.floor(k / 3))).toEqual([g, g, g, 255]));
  });

  it('converts a CMYK JPEG to RGB', async () => {
    const cmyk = await sharp({ create: { width: 16, height: 8, channels: 3, background: { r: 200, g: 30, b: 40 } } })
      .toColourspace('cmyk')
      .jpeg({ quality: 95 })
      .toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const img = await decodeImageBytes(cmyk, 'print.jpg');
    const [r, g, b, a] = pixel(img, 8, 4);
    // Through a CMYK profile and back the colour shifts a little, but stays this red.
    expect(Math.abs(r! - 200)).toBeLessThan(20);
    expect(Math.abs(g! - 30)).toBeLessThan(30);
    expect(Math.abs(b! - 40)).toBeLessThan(30);
    expect(a).toBe(255);
  });

  it('reduces a 16-bit PNG to 8 bits per channel', async () => {
    // 16-bit samples v·257 are exactly the 8-bit value v; 0x8000 (32768) rounds to 128.
    const samples = [0, 128 * 257, 65535, 10 * 257, 20 * 257, 0x8000];
    const rows = Buffer.alloc(samples.length * 2);
    samples.forEach((v, i) => rows.writeUInt16BE(v, i * 2));
    const png = handMadePng(2, 1, 16, PNG_RGB, rows);
    const meta = await sharp(png).metadata();
    expect([meta.depth, meta.bitsPerSample]).toEqual(['ushort', 16]);
    const img = await decodeImageBytes(png, 'deep.png');
    expect(pixel(img, 0, 0)).toEqual([0, 128, 255, 255]);
    expect(pixel(img, 1, 0)).toEqual([10, 20, 128, 255]);
  });

  it('resizes to a longest side, keeping the aspect ratio; enlarges only when asked', async () => {
    const png = await picturePng(300, 200);
    const shrunk = await decodeImageBytes(png, 'p.png', { longestSide: 120 });
    expect([shrunk.width, shrunk.height]).toEqual([120, 80]);
    const kept = await decodeImageBytes(png, 'p.png', { longestSide: 600 });
    expect([kept.width, kept.height]).toEqual([300, 200]);
    const enlarged = await decodeImageBytes(png, 'p.png', { longestSide: 600, enlarge: true });
    expect([enlarged.width, enlarged.height]).toEqual([600, 400]);
    // Lanczos keeps the gradient: the red channel still runs from ~0 on the left to ~255 on the right.
    expect(pixel(shrunk, 0, 40)[0]).toBeLessThan(10);
    expect(pixel(shrunk, 119, 40)[0]).toBeGreaterThan(245);
  });

  it('resizes after applying the orientation', async () => {
    const jpeg = await pictureSharp(300, 100).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const img = await decodeImageBytes(jpeg, 'turned.jpg', { longestSide: 150 });
    expect([img.width, img.height]).toEqual([50, 150]);
  });
});

describe('decodeImage: bad input names the file and says what is wrong', () => {
  it('a missing file', async () => {
    await expect(decodeImageFile('/no/such/photo.jpg')).rejects.toThrow('/no/such/photo.jpg: file not found');
  });

  it('a folder', async () => {
    const dir = await tempFolder();
    await expect(decodeImageFile(dir)).rejects.toThrow(`${dir}: is a folder, not an image file`);
  });

  it('a zero-byte file', async () => {
    const file = path.join(await tempFolder(), 'empty.jpg');
    await writeFile(file, '');
    await expect(decodeImageFile(file)).rejects.toThrow(`${file}: the file is empty (0 bytes)`);
  });

  it('a text file named .jpg', async () => {
    await expectDecodeError(new TextEncoder().encode('Dear diary, today I painted a cat.\n'), /not an image/);
  });

  it('a truncated JPEG', async () => {
    const jpeg = await pictureJpeg(64, 48);
    await expectDecodeError(jpeg.subarray(0, Math.floor(jpeg.length * 0.7)), /truncated or corrupt/);
    await expectDecodeError(jpeg.subarray(0, jpeg.length - 2), /truncated or corrupt/);
  });

  it('a truncated PNG', async () => {
    const png = await picturePng(64, 48);
    await expectDecodeError(png.subarray(0, Math.floor(png.length * 0.7)), /truncated or corrupt/);
  });

  it('an image over the pixel limit, with its size and the limit', async () => {
    const png = blackBilevelPng(10_001, 10_000);
    expect(10_001 * 10_000).toBeGreaterThan(MAX_INPUT_PIXELS);
    // 10,001 × 10,000 = 100,010,000 pixels: 100.01 MP against the 100 MP limit (one decimal would read "100.0 … 100.0").
    await expectDecodeError(png, /the image is 10001×10000 \(100\.01 MP\), more than the 100\.00 MP limit/);
  });

  it('an image over a smaller limit given as an option', async () => {
    const error = await decodeImageBytes(await picturePng(40, 30), 'p.png', { maxPixels: 1000 }).catch((e: Error) => e);
    // 40 × 30 = 1,200 pixels = 0.0012 MP, over 1,000 pixels = 0.0010 MP.
    expect((error as Error).message).toBe('p.png: the image is 40×30 (0.0012 MP), more than the 0.0010 MP limit');
  });

  it('an image type that is refused (SVG)', async () => {
    await expectDecodeError(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'), /SVG images are not supported/);
  });
});
