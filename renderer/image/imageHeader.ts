/** Formats the studio decodes (what createImageBitmap reads in Chromium). */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp' | 'avif';

/** What the first bytes of a file say: a readable format (with its size when the header has it), or not. */
export type ImageHeader =
  | { kind: 'image'; format: ImageFormat; width: number | null; height: number | null }
  | { kind: 'unsupported'; format: string }
  | { kind: 'unknown' };

const ascii = (b: Uint8Array, at: number, length: number) => String.fromCharCode(...b.subarray(at, at + length));
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const i32le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);

function image(format: ImageFormat, width: number | null = null, height: number | null = null): ImageHeader {
  return { kind: 'image', format, width, height };
}

/** The SOFn marker of a JPEG carries its size; walk the segments until it. */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = u16be(b, at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: u16be(b, at + 5), width: u16be(b, at + 7) };
    at += 2 + length;
  }
  return null;
}

function webpHeader(b: Uint8Array): ImageHeader {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) return image('webp', u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return image('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X' && b.length >= 30) return image('webp', u24le(b, 24) + 1, u24le(b, 27) + 1);
  return image('webp');
}

function isoBmffHeader(b: Uint8Array): ImageHeader {
  const brand = ascii(b, 8, 4);
  if (brand === 'avif' || brand === 'avis') return image('avif');
  if (/^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(brand)) return { kind: 'unsupported', format: 'HEIC' };
  return { kind: 'unknown' };
}

/** Reads the format, and the size where the header states it, from a file's first bytes. */
export function readImageHeader(b: Uint8Array): ImageHeader {
  if (b.length >= 24 && ascii(b, 1, 3) === 'PNG' && b[0] === 0x89) return image('png', u32be(b, 16), u32be(b, 20));
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    const size = jpegSize(b);
    return image('jpeg', size?.width ?? null, size?.height ?? null);
  }
  if (b.length >= 10 && /^GIF8[79]a$/.test(ascii(b, 0, 6))) return image('gif', u16le(b, 6), u16le(b, 8));
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM') return image('bmp', Math.abs(i32le(b, 18)), Math.abs(i32le(b, 22)));
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webpHeader(b);
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') return isoBmffHeader(b);
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return { kind: 'unsupported', format: 'TIFF' };
  if (b.length >= 4 && ascii(b, 0, 4) === '8BPS') return { kind: 'unsupported', format: 'Photoshop' };
  if (b.length >= 4 && ascii(b, 0, 4) === '%PDF') return { kind: 'unsupported', format: 'PDF' };
  const text = ascii(b, 0, Math.min(b.length, 256)).trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg/i.test(text)) return { kind: 'unsupported', format: 'SVG' };
  return { kind: 'unknown' };
}
