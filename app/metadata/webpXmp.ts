import { concatBytes, fromUtf8, latin1, latin1Bytes, utf8, viewOf } from './bytes.js';
import { MetadataError } from './metadataError.js';

// The WebP container (RFC 9649): "RIFF", size, "WEBP", then chunks of FourCC, little-endian size, payload
// and a pad byte to an even length. Metadata needs the extended form: a VP8X chunk first, whose flags
// announce an "XMP " chunk after the image data.

const XMP_FLAG = 0x04;
const ALPHA_FLAG = 0x10;
const XMP_FOURCC = 'XMP ';

interface Chunk {
  fourcc: string;
  payload: Uint8Array;
}

function readChunks(webp: Uint8Array): Chunk[] {
  if (webp.length < 12 || latin1(webp.subarray(0, 4)) !== 'RIFF' || latin1(webp.subarray(8, 12)) !== 'WEBP') throw new MetadataError('not a WebP file');
  const view = viewOf(webp);
  const chunks: Chunk[] = [];
  for (let at = 12; at < webp.length; ) {
    if (at + 8 > webp.length) throw new MetadataError('the WebP file is truncated');
    const size = view.getUint32(at + 4, true);
    if (at + 8 + size > webp.length) throw new MetadataError('the WebP file is truncated');
    chunks.push({ fourcc: latin1(webp.subarray(at, at + 4)), payload: webp.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size & 1);
  }
  if (chunks.length === 0) throw new MetadataError('the WebP file has no image data');
  return chunks;
}

function chunkHeader(fourcc: string, size: number): Uint8Array {
  const head = new Uint8Array(8);
  head.set(latin1Bytes(fourcc));
  viewOf(head).setUint32(4, size, true);
  return head;
}

function writeChunks(chunks: readonly Chunk[]): Uint8Array {
  const body = concatBytes(
    chunks.flatMap(({ fourcc, payload }) => {
      const head = chunkHeader(fourcc, payload.length);
      return payload.length & 1 ? [head, payload, new Uint8Array(1)] : [head, payload];
    }),
  );
  const header = concatBytes([chunkHeader('RIFF', body.length + 4), latin1Bytes('WEBP')]);
  return concatBytes([header, body]);
}

/** Canvas size and alpha of a simple (VP8 or VP8L) image, from its bitstream header (RFC 6386 §9.1, RFC 9649 §3.7). */
function simpleImageInfo(image: Chunk): { width: number; height: number; alpha: boolean } {
  const p = image.payload;
  const view = viewOf(p);
  if (image.fourcc === 'VP8 ' && p.length >= 10 && p[3] === 0x9d && p[4] === 0x01 && p[5] === 0x2a) {
    return { width: view.getUint16(6, true) & 0x3fff, height: view.getUint16(8, true) & 0x3fff, alpha: false };
  }
  if (image.fourcc === 'VP8L' && p.length >= 5 && p[0] === 0x2f) {
    const bits = view.getUint32(1, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 };
  }
  throw new MetadataError(`the WebP file's image data (${image.fourcc.trim()}) cannot be read`);
}

/** A 24-bit little-endian field of the VP8X header. */
function setUint24(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >> 8) & 0xff;
  bytes[at + 2] = (value >> 16) & 0xff;
}

function vp8xFor(image: Chunk): Chunk {
  const { width, height, alpha } = simpleImageInfo(image);
  const payload = new Uint8Array(10);
  payload[0] = alpha ? ALPHA_FLAG : 0;
  setUint24(payload, 4, width - 1);
  setUint24(payload, 7, height - 1);
  return { fourcc: 'VP8X', payload };
}

/** The WebP with `xmp` in an "XMP " chunk, replacing any earlier one; the image data is copied as it is. */
export function withWebpXmp(webp: Uint8Array, xmp: string): Uint8Array {
  const chunks = readChunks(webp).filter((c) => c.fourcc !== XMP_FOURCC);
  if (chunks.length === 0) throw new MetadataError('the WebP file has no image data');
  const extended = chunks[0]!.fourcc === 'VP8X' ? chunks : [vp8xFor(chunks[0]!), ...chunks];
  const flags = Uint8Array.from(extended[0]!.payload);
  flags[0] = flags[0]! | XMP_FLAG;
  return writeChunks([{ fourcc: 'VP8X', payload: flags }, ...extended.slice(1), { fourcc: XMP_FOURCC, payload: utf8(xmp) }]);
}

/** The XMP packet of a WebP (its "XMP " chunk, as text), or null when it has none. */
export function webpXmp(webp: Uint8Array): string | null {
  const chunk = readChunks(webp).find((c) => c.fourcc === XMP_FOURCC);
  return chunk ? fromUtf8(chunk.payload) : null;
}
