import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../renderer/image/imageHeader.js';

/** A real encoded image of the given size, from sharp. */
async function encoded(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif' | 'avif', lossless = false): Promise<Uint8Array> {
  const img = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 90, b: 40 } } });
  const out = format === 'webp' ? img.webp({ lossless }) : format === 'avif' ? img.avif() : img.toFormat(format);
  return new Uint8Array(await out.toBuffer());
}

describe('image headers', () => {
  it('reads the format and size of PNG, JPEG, GIF and WebP files', async () => {
    expect(readImageHeader(await encoded(37, 21, 'png'))).toEqual({ kind: 'image', format: 'png', width: 37, height: 21 });
    expect(readImageHeader(await encoded(300, 17, 'jpeg'))).toEqual({ kind: 'image', format: 'jpeg', width: 300, height: 17 });
    expect(readImageHeader(await encoded(12, 34, 'gif'))).toEqual({ kind: 'image', format: 'gif', width: 12, height: 34 });
    expect(readImageHeader(await encoded(50, 40, 'webp'))).toEqual({ kind: 'image', format: 'webp', width: 50, height: 40 });
    expect(readImageHeader(await encoded(51, 41, 'webp', true))).toEqual({ kind: 'image', format: 'webp', width: 51, height: 41 });
  });

  it('recognises AVIF without a size', async () => {
    expect(readImageHeader(await encoded(16, 16, 'avif'))).toMatchObject({ kind: 'image', format: 'avif' });
  });

  it('reads a BMP header', () => {
    const bmp = new Uint8Array(54);
    bmp.set([0x42, 0x4d]);
    new DataView(bmp.buffer).setInt32(18, 640, true);
    new DataView(bmp.buffer).setInt32(22, -480, true);
    expect(readImageHeader(bmp)).toEqual({ kind: 'image', format: 'bmp', width: 640, height: 480 });
  });

  it('names formats it cannot read', async () => {
    const tiff = new Uint8Array(await sharp({ create: { width: 4, height: 4, channels: 3, background: 'white' } }).tiff().toBuffer());
    expect(readImageHeader(tiff)).toEqual({ kind: 'unsupported', format: 'TIFF' });
    const text = (s: string) => new TextEncoder().encode(s);
    expect(readImageHeader(text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ kind: 'unsupported', format: 'SVG' });
    expect(readImageHeader(text('%PDF-1.7 ...'))).toEqual({ kind: 'unsupported', format: 'PDF' });
    const heic = new Uint8Array([0, 0, 0, 24, ...text('ftypheic'), 0, 0, 0, 0]);
    expect(readImageHeader(heic)).toEqual({ kind: 'unsupported', format: 'HEIC' });
  });

  it('does not recognise other bytes', () => {
    expect(readImageHeader(new TextEncoder().encode('just some notes'))).toEqual({ kind: 'unknown' });
    expect(readImageHeader(new Uint8Array(0))).toEqual({ kind: 'unknown' });
  });
});
