import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import { encodeImage } from '../../main/node/image/encodeImage.js';
import type { OutputFormat } from '../../main/node/image/outputFormat.js';
import { MetadataError } from '../../main/node/metadata/metadataError.js';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { runMetadata, type RunMetadata } from '../../main/node/metadata/runMetadata.js';
import { writeRunMetadata } from '../../main/node/metadata/writeRunMetadata.js';
import { xmpPacket } from '../../app/metadata/xmpPacket.js';
import { withJpegXmp } from '../../app/metadata/jpegXmp.js';
import { withPngText } from '../../main/node/metadata/pngText.js';
import { pictureRgb } from '../fixtures/testImages.js';

/** A 24×16 opaque test picture, and one with a transparent half. */
function picture(alpha = false) {
  const { data, width, height } = pictureRgb(24, 16);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set(data.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = alpha && i % width < width / 2 ? 0 : 255;
  }
  return { width, height, data: rgba };
}

const record: RunMetadata = runMetadata(
  {
    settings: { ...DEFAULT_SETTINGS, size: 640, seed: 42, styleStrength: 2.5, styleBlend: [2, 1], colour: 'original' },
    model: { location: '/models/vgg19', layers: { content: ['relu3_2'], style: ['relu1_1', 'relu2_1', 'relu3_1'], styleWeights: [1, 1, 1] } },
    inputs: { content: 'Grand-mère à la plage.jpg', styles: ['星月夜.png', 'wave 2.webp'] },
  },
  new Date('2025-01-02T03:04:05.000Z'),
);

/** JSON in ASCII only, as a Latin-1 tEXt chunk needs (the record's file names are not). */
const asciiJson = (value: unknown) => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const decodeRaw = async (bytes: Uint8Array) => (await sharp(bytes).ensureAlpha().raw().toBuffer()).toString('base64');

describe('run metadata in exported images', () => {
  for (const format of ['png', 'jpeg', 'webp'] as OutputFormat[]) {
    it(`round-trips the record through ${format}, and the file still decodes to the same picture`, async () => {
      for (const alpha of [false, true]) {
        const plain = await encodeImage(picture(alpha), format, { quality: 90 });
        const tagged = writeRunMetadata(plain, format, record);
        expect(tagged.byteLength).toBeGreaterThan(plain.byteLength);
        expect(await readRunMetadata(tagged)).toEqual(record);
        const meta = await sharp(tagged).metadata();
        expect([meta.format, meta.width, meta.height]).toEqual([format, 24, 16]);
        // The compressed pixels are copied, not re-encoded: lossy formats decode to the very same pixels too.
        expect(await decodeRaw(tagged)).toBe(await decodeRaw(plain));
      }
    });
  }

  it('turns a simple lossless WebP (VP8L) into the extended form, keeping its alpha', async () => {
    const { width, height, data } = picture(true);
    const lossless = new Uint8Array(await sharp(Buffer.from(data), { raw: { width, height, channels: 4 } }).webp({ lossless: true }).toBuffer());
    expect(Buffer.from(lossless.subarray(12, 16)).toString('latin1')).toBe('VP8L');
    const tagged = writeRunMetadata(lossless, 'webp', record);
    expect(Buffer.from(tagged.subarray(12, 16)).toString('latin1')).toBe('VP8X');
    expect(await readRunMetadata(tagged)).toEqual(record);
    const meta = await sharp(tagged).metadata();
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([24, 16, true]);
    expect(await decodeRaw(tagged)).toBe(await decodeRaw(lossless));
  });

  it('keeps the PNG record as a tEXt chunk "pastiche" holding plain-ASCII JSON', async () => {
    const tagged = writeRunMetadata(await encodeImage(picture(), 'png'), 'png', record);
    const { comments } = await sharp(tagged).metadata();
    expect(comments?.map((c) => c.keyword)).toEqual(['pastiche']);
    const text = comments![0]!.text;
    expect(text).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(text)).toEqual(record);
  });

  it('replaces an earlier record rather than adding a second', async () => {
    for (const format of ['png', 'jpeg', 'webp'] as OutputFormat[]) {
      const once = writeRunMetadata(await encodeImage(picture(), format), format, record);
      const newer = { ...record, createdAt: '2026-06-07T08:09:10.000Z' };
      const twice = writeRunMetadata(once, format, newer);
      expect(await readRunMetadata(twice)).toEqual(newer);
      expect(twice.byteLength).toBe(once.byteLength);
    }
  });

  it('reads null from images without a record, including ones with foreign XMP', async () => {
    for (const format of ['png', 'jpeg', 'webp'] as OutputFormat[]) {
      expect(await readRunMetadata(await encodeImage(picture(), format))).toBeNull();
    }
    const foreign = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>';
    expect(await readRunMetadata(withJpegXmp(await encodeImage(picture(), 'jpeg'), foreign))).toBeNull();
  });

  it('reads a record written as an attribute of rdf:Description, as XMP tools may rewrite it', async () => {
    const json = JSON.stringify(record).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const xmp =
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      `<rdf:Description rdf:about="" xmlns:pastiche="urn:pastiche:xmp:1.0/" pastiche:run="${json}"/></rdf:RDF></x:xmpmeta>`;
    expect(await readRunMetadata(withJpegXmp(await encodeImage(picture(), 'jpeg'), xmp))).toEqual(record);
  });

  it('says clearly when the record is not JSON, is not a valid record, or the XMP is not XML', async () => {
    const png = await encodeImage(picture(), 'png');
    const jpeg = await encodeImage(picture(), 'jpeg');
    const cases: [Uint8Array, RegExp][] = [
      [withPngText(png, 'pastiche', '{"app": "Pastiche", '), /^its Pastiche metadata is not valid JSON$/],
      [withPngText(png, 'pastiche', asciiJson({ ...record, settings: { ...record.settings, size: 3 } })), /metadata\.settings: size must be a whole number ≥ 16 \(got 3\)/],
      [withPngText(png, 'pastiche', asciiJson({ ...record, settings: { ...record.settings, sise: 512 } })), /metadata\.settings: .*sise/],
      [withPngText(png, 'pastiche', asciiJson({ ...record, seed: 7 })), /metadata\.seed: seed differs from settings\.seed/],
      [withPngText(png, 'pastiche', asciiJson({ ...record, app: 'Other' })), /metadata\.app/],
      [withJpegXmp(jpeg, xmpPacket('[1, 2')), /^its Pastiche metadata is not valid JSON$/],
      [withJpegXmp(jpeg, '<x:xmpmeta><unclosed></x:xmpmeta>'), /^its XMP metadata is not well-formed XML$/],
    ];
    for (const [bytes, message] of cases) {
      const error = await readRunMetadata(bytes).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MetadataError);
      expect((error as Error).message).toMatch(message);
    }
    await expect(readRunMetadata(new TextEncoder().encode('just some text'))).rejects.toThrow(/^not an image/);
  });

  it('refuses to embed an invalid record', async () => {
    const png = await encodeImage(picture(), 'png');
    expect(() => writeRunMetadata(png, 'png', { ...record, settings: { ...record.settings, iterations: 0 } })).toThrow(/iterations/);
  });

  it('checks a record when it is made (before a run), including that it fits a JPEG XMP segment', () => {
    const styles = Array.from({ length: 64 }, (_, i) => `${'long name '.repeat(90)}${i}.png`);
    expect(() => runMetadata({ ...record, inputs: { content: 'a.jpg', styles } })).toThrow(/larger than 49152 bytes/);
    expect(() => runMetadata({ ...record, settings: { ...record.settings, size: 5000 } })).toThrow(/size must be at most 4096/);
  });
});
