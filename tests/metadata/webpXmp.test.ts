import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { webpXmp, withWebpXmp } from '../../app/metadata/webpXmp.js';
import { pictureRgb } from '../fixtures/testImages.js';
import { occurrences, webpLayout } from './containerLayout.js';
import { metadataErrorOf } from './metadataErrorOf.js';

// The byte-level WebP XMP code of app/metadata, on WebPs encoded by libwebp (through sharp).

const XMP_FLAG = 0x04;
const ALPHA_FLAG = 0x10;
const ICC_FLAG = 0x20;
const packet = (text: string) => `<x:xmpmeta xmlns:x="adobe:ns:meta/"><!-- ${text} --></x:xmpmeta>`;

/** The 40×24 test picture, opaque or with a transparent left half. */
function picture(alpha: boolean): Sharp {
  const { data, width, height } = pictureRgb(40, 24);
  if (!alpha) return sharp(data, { raw: { width, height, channels: 3 } });
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data.copy(rgba, i * 4, i * 3, i * 3 + 3);
    rgba[i * 4 + 3] = i % width < width / 2 ? 0 : 255;
  }
  return sharp(rgba, { raw: { width, height, channels: 4 } });
}

const raw = async (bytes: Uint8Array) => (await sharp(bytes).ensureAlpha().raw().toBuffer()).toString('base64');

const VARIANTS: { name: string; make: () => Promise<Buffer>; chunks: string[]; alpha: boolean }[] = [
  { name: 'lossy (simple VP8)', make: () => picture(false).webp({ quality: 80 }).toBuffer(), chunks: ['VP8 '], alpha: false },
  { name: 'lossless (simple VP8L)', make: () => picture(false).webp({ lossless: true }).toBuffer(), chunks: ['VP8L'], alpha: false },
  { name: 'lossless with alpha (simple VP8L)', make: () => picture(true).webp({ lossless: true }).toBuffer(), chunks: ['VP8L'], alpha: true },
  { name: 'lossy with alpha (extended: VP8X, ALPH, VP8)', make: () => picture(true).webp({ quality: 80 }).toBuffer(), chunks: ['VP8X', 'ALPH', 'VP8 '], alpha: true },
  { name: 'lossy with an ICC profile (extended: VP8X, ICCP, VP8)', make: () => picture(false).withIccProfile('p3').webp({ quality: 80 }).toBuffer(), chunks: ['VP8X', 'ICCP', 'VP8 '], alpha: false },
];

describe('withWebpXmp and webpXmp', () => {
  for (const variant of VARIANTS) {
    it(`add an "XMP " chunk to a ${variant.name} WebP, which decodes to the very same pixels`, async () => {
      const plain = new Uint8Array(await variant.make());
      expect(webpLayout(plain).fourccs).toEqual(variant.chunks);
      const tagged = withWebpXmp(plain, packet(variant.name));
      const layout = webpLayout(tagged);
      const imageChunks = variant.chunks.filter((c) => c !== 'VP8X');
      expect(layout.fourccs).toEqual(['VP8X', ...imageChunks, 'XMP ']);
      expect(layout.riffSize).toBe(tagged.byteLength - 8);
      expect(layout.vp8x).toMatchObject({ width: 40, height: 24 });
      expect(layout.vp8x!.flags & XMP_FLAG).toBe(XMP_FLAG);
      expect(layout.vp8x!.flags & ALPHA_FLAG).toBe(variant.alpha ? ALPHA_FLAG : 0);
      expect(layout.vp8x!.flags & ICC_FLAG).toBe(variant.chunks.includes('ICCP') ? ICC_FLAG : 0);
      expect(webpXmp(tagged)).toBe(packet(variant.name));
      const [before, after] = await Promise.all([sharp(plain).metadata(), sharp(tagged).metadata()]);
      expect([after.format, after.width, after.height, after.hasAlpha, after.xmpAsString]).toEqual(['webp', 40, 24, before.hasAlpha, packet(variant.name)]);
      expect(after.icc).toEqual(before.icc);
      expect(await raw(tagged)).toBe(await raw(plain));
    });
  }

  it('replace an earlier packet rather than adding a second, and pad an odd-sized one to an even length', async () => {
    const plain = new Uint8Array(await picture(false).webp({ quality: 80 }).toBuffer());
    const odd = packet('odd!');
    expect(odd.length % 2).toBe(1);
    const once = withWebpXmp(plain, odd);
    expect(once.byteLength % 2).toBe(0);
    const twice = withWebpXmp(once, packet('second'));
    expect(webpLayout(twice).fourccs).toEqual(['VP8X', 'VP8 ', 'XMP ']);
    expect(occurrences(twice, 'XMP ')).toBe(1);
    expect(webpXmp(twice)).toBe(packet('second'));
    expect((await sharp(twice).metadata()).xmpAsString).toBe(packet('second'));
    expect(await raw(twice)).toBe(await raw(plain));
  });

  it('store the packet as UTF-8', async () => {
    const text = packet('Grand-mère, 星月夜, 🎨');
    const tagged = withWebpXmp(new Uint8Array(await picture(true).webp({ lossless: true }).toBuffer()), text);
    expect(webpXmp(tagged)).toBe(text);
    expect((await sharp(tagged).metadata()).xmpAsString).toBe(text);
  });

  it('read null from a WebP without XMP', async () => {
    expect(webpXmp(new Uint8Array(await picture(false).webp().toBuffer()))).toBeNull();
  });

  it('refuse foreign, truncated and unreadable files with a clear MetadataError', async () => {
    const plain = new Uint8Array(await picture(false).webp({ quality: 80 }).toBuffer());
    const png = new Uint8Array(await picture(false).png().toBuffer());
    const header = riffWebp([]);
    const cases: [() => unknown, string][] = [
      [() => withWebpXmp(png, packet('x')), 'not a WebP file'],
      [() => webpXmp(plain.subarray(0, 11)), 'not a WebP file'],
      [() => withWebpXmp(plain.subarray(0, plain.length - 10), packet('x')), 'the WebP file is truncated'],
      [() => webpXmp(plain.subarray(0, 12 + 5)), 'the WebP file is truncated'],
      [() => withWebpXmp(header, packet('x')), 'the WebP file has no image data'],
      [() => withWebpXmp(riffWebp([['XMP ', 'only metadata']]), packet('x')), 'the WebP file has no image data'],
      [() => withWebpXmp(riffWebp([['JUNK', 'abcd']]), packet('x')), "the WebP file's image data (JUNK) cannot be read"],
      [() => withWebpXmp(riffWebp([['VP8 ', 'not a frame']]), packet('x')), "the WebP file's image data (VP8) cannot be read"],
    ];
    for (const [attempt, message] of cases) expect(metadataErrorOf(attempt).message).toBe(message);
  });
});

/** A RIFF/WEBP container holding these chunks (FourCC and Latin-1 payload), built by hand. */
function riffWebp(chunks: [string, string][]): Uint8Array {
  const body = Buffer.concat(
    chunks.map(([fourcc, payload]) => {
      const head = Buffer.alloc(8);
      head.write(fourcc, 'latin1');
      head.writeUInt32LE(payload.length, 4);
      return Buffer.concat([head, Buffer.from(payload, 'latin1'), Buffer.alloc(payload.length & 1)]);
    }),
  );
  const header = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  return new Uint8Array(Buffer.concat([header, body]));
}
