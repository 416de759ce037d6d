import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegXmp, withJpegXmp } from '../../app/metadata/jpegXmp.js';
import { pictureSharp } from '../fixtures/testImages.js';
import { jpegMarkers, occurrences } from './containerLayout.js';
import { metadataErrorOf } from './metadataErrorOf.js';

// The byte-level JPEG XMP code of app/metadata, on JPEGs encoded by libjpeg (through sharp).

const XMP_SIGNATURE = 'http://ns.adobe.com/xap/1.0/\0';
const packet = (text: string) => `<x:xmpmeta xmlns:x="adobe:ns:meta/"><!-- ${text} --></x:xmpmeta>`;

const jpeg = async () => new Uint8Array(await pictureSharp(40, 24).jpeg({ quality: 85 }).toBuffer());
const raw = async (bytes: Uint8Array) => (await sharp(bytes).raw().toBuffer()).toString('base64');

describe('withJpegXmp and jpegXmp', () => {
  it('add an XMP APP1 segment at the start of a bare JPEG, and the file decodes to the very same pixels', async () => {
    const plain = await jpeg();
    expect(jpegMarkers(plain)[0]).toBe('db');
    const tagged = withJpegXmp(plain, packet('first'));
    expect(jpegMarkers(tagged)).toEqual(['e1', ...jpegMarkers(plain)]);
    expect(tagged.byteLength).toBe(plain.byteLength + 4 + XMP_SIGNATURE.length + packet('first').length);
    expect(jpegXmp(tagged)).toBe(packet('first'));
    const meta = await sharp(tagged).metadata();
    expect([meta.format, meta.width, meta.height, meta.xmpAsString]).toEqual(['jpeg', 40, 24, packet('first')]);
    expect(await raw(tagged)).toBe(await raw(plain));
  });

  it('put it after the JFIF header, which must come first (as in browsers’ JPEGs)', async () => {
    const plain = await jpeg();
    const jfif = withJfifHeader(plain);
    const tagged = withJpegXmp(jfif, packet('after jfif'));
    expect(jpegMarkers(tagged)).toEqual(['e0', 'e1', ...jpegMarkers(plain)]);
    expect(jpegXmp(tagged)).toBe(packet('after jfif'));
    expect(await raw(tagged)).toBe(await raw(plain));
  });

  it('replace an earlier XMP packet (their own or another tool’s) rather than adding a second', async () => {
    const foreign = new Uint8Array(await pictureSharp(40, 24).jpeg().withXmp(packet('from another tool')).toBuffer());
    expect(jpegXmp(foreign)).toContain('from another tool');
    const once = withJpegXmp(foreign, packet('first'));
    const twice = withJpegXmp(once, packet('second'));
    expect(jpegXmp(twice)).toBe(packet('second'));
    expect(occurrences(twice, XMP_SIGNATURE)).toBe(1);
    expect(jpegMarkers(twice).filter((m) => m === 'e1')).toHaveLength(1);
    expect(twice.byteLength).toBe(once.byteLength + 'second'.length - 'first'.length);
    expect(await raw(twice)).toBe(await raw(foreign));
  });

  it('keep the EXIF and ICC profile of a JPEG, with the EXIF still first', async () => {
    const plain = new Uint8Array(
      await pictureSharp(40, 24)
        .withIccProfile('p3')
        .withExif({ IFD0: { Copyright: 'Pastiche test', Artist: 'A. Painter' } })
        .jpeg()
        .toBuffer(),
    );
    const before = await sharp(plain).metadata();
    expect(before.exif?.toString('latin1')).toContain('A. Painter');
    expect(before.icc?.length).toBeGreaterThan(100);
    expect(jpegMarkers(plain).slice(0, 2)).toEqual(['e1', 'e2']);
    const tagged = withJpegXmp(plain, packet('with exif'));
    expect(jpegMarkers(tagged)).toEqual(['e1', 'e1', ...jpegMarkers(plain).slice(1)]);
    expect(Buffer.from(tagged.subarray(6, 10)).toString('latin1')).toBe('Exif');
    const after = await sharp(tagged).metadata();
    expect(after.exif?.equals(before.exif!)).toBe(true);
    expect(after.icc?.equals(before.icc!)).toBe(true);
    expect(after.xmpAsString).toBe(packet('with exif'));
    expect(await raw(tagged)).toBe(await raw(plain));
  });

  it('store the packet as UTF-8', async () => {
    const text = packet('Grand-mère, 星月夜, 🎨');
    const tagged = withJpegXmp(await jpeg(), text);
    expect(jpegXmp(tagged)).toBe(text);
    expect((await sharp(tagged).metadata()).xmpAsString).toBe(text);
  });

  it('read null from a JPEG without XMP', async () => {
    expect(jpegXmp(await jpeg())).toBeNull();
  });

  it('refuse foreign, truncated and corrupt files, and a packet too large for a segment, with a clear MetadataError', async () => {
    const plain = await jpeg();
    const png = new Uint8Array(await pictureSharp(4, 4).png().toBuffer());
    const scan = Buffer.from(plain).indexOf(Buffer.from([0xff, 0xda]));
    const corrupt = Uint8Array.from(plain);
    corrupt[jpegSegmentEnd(plain)] = 0x00;
    const cases: [() => unknown, string][] = [
      [() => withJpegXmp(png, packet('x')), 'not a JPEG file'],
      [() => jpegXmp(new TextEncoder().encode('plain text')), 'not a JPEG file'],
      [() => withJpegXmp(plain.subarray(0, scan), packet('x')), 'the JPEG file is truncated (no image data)'],
      [() => jpegXmp(plain.subarray(0, 2)), 'the JPEG file is truncated (no image data)'],
      [() => withJpegXmp(corrupt, packet('x')), 'the JPEG file is corrupt (no marker where one should be)'],
      [() => withJpegXmp(plain, 'x'.repeat(0xffff)), `the metadata (${0xffff + XMP_SIGNATURE.length} bytes) is too large for a JPEG XMP segment`],
    ];
    for (const [attempt, message] of cases) expect(metadataErrorOf(attempt).message).toBe(message);
  });
});

/** The JPEG with a JFIF APP0 header (JFIF 1.02 §10.1: version 1.01, no units, 1:1 density, no thumbnail) after its SOI. */
function withJfifHeader(jpeg: Uint8Array): Uint8Array {
  const app0 = [0xff, 0xe0, 0, 16, ...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  return new Uint8Array([...jpeg.subarray(0, 2), ...app0, ...jpeg.subarray(2)]);
}

/** Where the first segment: the next byte must be a marker's 0xFF. */
function jpegSegmentEnd(jpeg: Uint8Array): number {
  return 4 + ((jpeg[4]! << 8) | jpeg[5]!);
}
