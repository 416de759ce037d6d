import { beforeAll, describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { decodeImageBytes, decodeImageFile } from '../../main/node/image/decodeImage.js';
import { brokenCases, CASE_HEIGHT, CASE_WIDTH, decodeCases, hugePngFile, type DecodeCase, type Rgb } from '../fixtures/badImages.js';

// The Node image service the CLI and batch use: every awkward image to its exact colours, huge ones refused by size.

let cases: DecodeCase[];

beforeAll(async () => {
  cases = await decodeCases();
});

/** The RGB at the middle of the left or right half of decoded RGBA pixels. */
function halfPixel(img: RgbaImage, half: 'left' | 'right'): Rgb {
  const x = half === 'left' ? img.width / 4 : (3 * img.width) / 4;
  const i = (Math.floor(img.height / 2) * img.width + x) * 4;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
}

const distance = (a: Rgb, b: Rgb) => Math.max(...a.map((v, c) => Math.abs(v - b[c]!)));

describe('decodeImageBytes: awkward images to 8-bit sRGB, transparency flattened onto white', () => {
  it.for(['16-bit RGB PNG', '16-bit greyscale PNG', '16-bit PNG with alpha', 'CMYK JPEG', 'PNG with alpha', 'WebP with alpha', 'greyscale JPEG'])('%s', async (what) => {
    const c = cases.find((x) => x.what === what)!;
    const img = await decodeImageBytes(c.bytes, c.name);
    expect([img.width, img.height]).toEqual([CASE_WIDTH, CASE_HEIGHT]);
    for (let i = 3; i < img.data.length; i += 4) expect(img.data[i]).toBe(255);
    expect(distance(halfPixel(img, 'left'), c.left), `left ${halfPixel(img, 'left')}`).toBeLessThanOrEqual(c.tolerance);
    expect(distance(halfPixel(img, 'right'), c.right), `right ${halfPixel(img, 'right')}`).toBeLessThanOrEqual(c.tolerance);
  });
});

describe('decodeImage: 20000×20000 images are refused by their size, not mistaken for broken files', () => {
  // sharp refuses headers over its own default limit (268 MP) as if corrupt; the size must be read and named instead.
  it('a genuine 20000×20000 PNG', async () => {
    const file = await hugePngFile();
    await expect(decodeImageFile(file)).rejects.toThrow(`${file}: the image is 20000×20000 (400.0 MP), more than the 100.0 MP limit`);
  }, 60_000);

  it('a JPEG whose header says 20000×20000', async () => {
    const { hugeJpegHeader } = await brokenCases();
    await expect(decodeImageBytes(hugeJpegHeader.bytes, 'poster.jpg')).rejects.toThrow('poster.jpg: the image is 20000×20000 (400.0 MP), more than the 100.0 MP limit');
  });
});
