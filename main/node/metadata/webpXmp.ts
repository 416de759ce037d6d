import { MetadataError } from './metadataError.js';

// The WebP container (RFC 9649): "RIFF", size, "WEBP", then chunks of FourCC, little-endian size, payload
// and a pad byte to an even length. Metadata needs the extended form: a VP8X chunk first, whose flags
// announce an "XMP " chunk after the image data.

const XMP_FLAG = 0x04;
const ALPHA_FLAG = 0x10;

interface Chunk {
  fourcc: string;
  payload: Uint8Array;
}

function readChunks(webp: Uint8Array): Chunk[] {
  const b = Buffer.from(webp.buffer, webp.byteOffset, webp.byteLength);
  if (b.length < 12 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP') throw new MetadataError('not a WebP file');
  const chunks: Chunk[] = [];
  for (let at = 12; at < b.length; ) {
    if (at + 8 > b.length) throw new MetadataError('the WebP file is truncated');
    const size = b.readUInt32LE(at + 4);
    if (at + 8 + size > b.length) throw new MetadataError('the WebP file is truncated');
    chunks.push({ fourcc: b.toString('latin1', at, at + 4), payload: webp.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size & 1);
  }
  if (chunks.length === 0) throw new MetadataError('the WebP file has no image data');
  return chunks;
}

function writeChunks(chunks: readonly Chunk[]): Uint8Array {
  const parts = chunks.flatMap(({ fourcc, payload }) => {
    const head = Buffer.alloc(8);
    head.write(fourcc, 0, 'latin1');
    head.writeUInt32LE(payload.length, 4);
    return payload.length & 1 ? [head, payload, Buffer.alloc(1)] : [head, payload];
  });
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  const out = Buffer.concat([header, body]);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Canvas size and alpha of a simple (VP8 or VP8L) image, from its bitstream header (RFC 6386 §9.1, RFC 9649 §3.7). */
function simpleImageInfo(image: Chunk): { width: number; height: number; alpha: boolean } {
  const p = Buffer.from(image.payload.buffer, image.payload.byteOffset, image.payload.byteLength);
  if (image.fourcc === 'VP8 ' && p.length >= 10 && p[3] === 0x9d && p[4] === 0x01 && p[5] === 0x2a) {
    return { width: p.readUInt16LE(6) & 0x3fff, height: p.readUInt16LE(8) & 0x3fff, alpha: false };
  }
  if (image.fourcc === 'VP8L' && p.length >= 5 && p[0] === 0x2f) {
    const bits = p.readUInt32LE(1);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 };
  }
  throw new MetadataError(`the WebP file's image data (${image.fourcc.trim()}) cannot be read`);
}

function vp8xFor(image: Chunk): Chunk {
  const { width, height, alpha } = simpleImageInfo(image);
  const payload = Buffer.alloc(10);
  payload[0] = alpha ? ALPHA_FLAG : 0;
  payload.writeUIntLE(width - 1, 4, 3);
  payload.writeUIntLE(height - 1, 7, 3);
  return { fourcc: 'VP8X', payload };
}

/** The WebP with `xmp` in an "XMP " chunk, replacing any earlier one; the image data is copied as it is. */
export function withWebpXmp(webp: Uint8Array, xmp: string): Uint8Array {
  const chunks = readChunks(webp).filter((c) => c.fourcc !== 'XMP ');
  const extended = chunks[0]!.fourcc === 'VP8X' ? chunks : [vp8xFor(chunks[0]!), ...chunks];
  const flags = Buffer.from(extended[0]!.payload);
  flags[0] = flags[0]! | XMP_FLAG;
  return writeChunks([{ fourcc: 'VP8X', payload: flags }, ...extended.slice(1), { fourcc: 'XMP ', payload: Buffer.from(xmp, 'utf8') }]);
}
