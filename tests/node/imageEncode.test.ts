import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { decodeImageBytes } from '../../main/node/image/decodeImage.js';
import { encodeImage } from '../../main/node/image/encodeImage.js';
import { formatFromPath } from '../../main/node/image/outputFormat.js';
import { pictureRgb } from '../fixtures/testImages.js';

function opaquePicture(width: number, height: number): RgbaImage {
  const rgb = pictureRgb(width, height).data;
  const data = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) data.set([rgb[i]!, rgb[i + 1]!, rgb[i + 2]!, 255], j);
  return { width, height, data };
}

function meanAbsDifference(a: RgbaImage, b: RgbaImage): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

describe('encodeImage', () => {
  const img = opaquePicture(48, 32);

  it('PNG round-trips to the exact pixels, without an alpha channel for an opaque image', async () => {
    const png = await encodeImage(img, 'png');
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 48, 32, 3]);
    const back = await decodeImageBytes(png, 'out.png');
    expect(back.data).toEqual(img.data);
  });

  it('PNG keeps transparency when there is some', async () => {
    const data = Uint8Array.from(img.data);
    data[3] = 0;
    const png = await encodeImage({ ...img, data }, 'png');
    const { data: raw, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    expect([...raw.subarray(0, 8)]).toEqual([...data.subarray(0, 8)]);
  });

  it.each([
    ['jpeg', 'jpeg'],
    ['webp', 'webp'],
  ] as const)('%s decodes back to the same size and nearly the same pixels', async (format, sharpName) => {
    const bytes = await encodeImage(img, format, { quality: 95 });
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual([sharpName, 48, 32]);
    const back = await decodeImageBytes(bytes, `out.${format}`);
    expect(meanAbsDifference(back, img)).toBeLessThan(4);
  });

  it('quality changes the JPEG size', async () => {
    const noisy = opaquePicture(64, 64);
    for (let i = 0; i < noisy.data.length; i += 4) noisy.data[i] = (i * 7919) % 256;
    const low = await encodeImage(noisy, 'jpeg', { quality: 20 });
    const high = await encodeImage(noisy, 'jpeg', { quality: 95 });
    expect(low.byteLength).toBeLessThan(high.byteLength / 2);
  });

  it('flattens transparency onto white for JPEG', async () => {
    const data = Uint8Array.from(img.data);
    data.set([0, 0, 0, 0], 0);
    const jpeg = await encodeImage({ width: 48, height: 32, data }, 'jpeg', { quality: 100 });
    const back = await decodeImageBytes(jpeg, 'out.jpg');
    expect(back.data[0]).toBeGreaterThan(200);
  });

  it('rejects pixels that do not match the size', async () => {
    await expect(encodeImage({ width: 4, height: 4, data: new Uint8Array(10) }, 'png')).rejects.toThrow('expected 64 bytes of RGBA, got 10');
  });
});

describe('formatFromPath', () => {
  it.each([
    ['out.png', 'png'],
    ['out.PNG', 'png'],
    ['/a/b.c/out.jpg', 'jpeg'],
    ['out.JPEG', 'jpeg'],
    ['out.webp', 'webp'],
  ])('%s → %s', (file, format) => {
    expect(formatFromPath(file)).toBe(format);
  });

  it('names the supported extensions for anything else', () => {
    expect(() => formatFromPath('out.gif')).toThrow('out.gif: ".gif" is not a supported image type; use one of .png .jpg .jpeg .webp');
    expect(() => formatFromPath('/tmp/result')).toThrow('/tmp/result: has no file extension; use one of .png .jpg .jpeg .webp');
  });
});
