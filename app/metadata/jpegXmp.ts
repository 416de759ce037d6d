import { concatBytes, fromUtf8, latin1Bytes, startsWith, utf8 } from './bytes.js';
import { MetadataError } from './metadataError.js';

/** An APP1 segment is XMP when its payload starts with this namespace and a zero byte (XMP spec, part 3). */
const XMP_SIGNATURE = latin1Bytes('http://ns.adobe.com/xap/1.0/\0');
const SOI = 0xd8;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
/** A segment's length field counts itself (2 bytes) and is 16-bit. */
const MAX_PAYLOAD = 0xffff - 2;

interface Segment {
  marker: number;
  start: number;
  end: number;
}

/** The marker segments before the scan data (SOS and everything after it is kept as it is). */
function headerSegments(jpeg: Uint8Array): { segments: Segment[]; scanStart: number } {
  if (jpeg[0] !== 0xff || jpeg[1] !== SOI) throw new MetadataError('not a JPEG file');
  const segments: Segment[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) throw new MetadataError('the JPEG file is corrupt (no marker where one should be)');
    const marker = jpeg[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === SOS) return { segments, scanStart: at };
    const end = at + 2 + ((jpeg[at + 2]! << 8) | jpeg[at + 3]!);
    segments.push({ marker, start: at, end });
    at = end;
  }
  throw new MetadataError('the JPEG file is truncated (no image data)');
}

/** Where a segment's payload starts: after the marker and the length field. */
const payloadStart = (s: Segment) => s.start + 4;

const isXmp = (jpeg: Uint8Array, s: Segment) => s.marker === APP1 && s.end <= jpeg.length && startsWith(jpeg.subarray(payloadStart(s), s.end), XMP_SIGNATURE);

function xmpSegment(xmp: string): Uint8Array {
  const payload = concatBytes([XMP_SIGNATURE, utf8(xmp)]);
  if (payload.length > MAX_PAYLOAD) throw new MetadataError(`the metadata (${payload.length} bytes) is too large for a JPEG XMP segment`);
  const length = payload.length + 2;
  return concatBytes([Uint8Array.of(0xff, APP1, length >> 8, length & 0xff), payload]);
}

/**
 * The JPEG with `xmp` in an APP1 segment, replacing any earlier XMP. It follows the JFIF (APP0) and EXIF
 * (APP1) headers, which readers expect straight after the start of the file. The compressed image data
 * is copied byte for byte.
 */
export function withJpegXmp(jpeg: Uint8Array, xmp: string): Uint8Array {
  const { segments, scanStart } = headerSegments(jpeg);
  const kept = segments.filter((s) => !isXmp(jpeg, s));
  const afterHeaders = kept.findIndex((s) => s.marker !== APP0 && s.marker !== APP1);
  const split = afterHeaders === -1 ? kept.length : afterHeaders;
  const bytes = (s: Segment) => jpeg.subarray(s.start, s.end);
  return concatBytes([
    jpeg.subarray(0, 2),
    ...kept.slice(0, split).map(bytes),
    xmpSegment(xmp),
    ...kept.slice(split).map(bytes),
    jpeg.subarray(scanStart),
  ]);
}

/** The XMP packet of a JPEG (its first XMP APP1 segment, as text), or null when it has none. */
export function jpegXmp(jpeg: Uint8Array): string | null {
  const segment = headerSegments(jpeg).segments.find((s) => isXmp(jpeg, s));
  return segment ? fromUtf8(jpeg.subarray(payloadStart(segment) + XMP_SIGNATURE.length, segment.end)) : null;
}
