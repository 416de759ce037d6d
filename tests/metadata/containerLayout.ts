// Independent readers of the container layouts, for checking where the code under test put things.

/** The markers of a JPEG's segments before the scan data, as hex ("e0" for APP0, "e1" for APP1, …). */
export function jpegMarkers(bytes: Uint8Array): string[] {
  const jpeg = Buffer.from(bytes);
  const markers: string[] = [];
  for (let at = 2; jpeg[at + 1] !== 0xda; at += 2 + jpeg.readUInt16BE(at + 2)) markers.push(jpeg[at + 1]!.toString(16));
  return markers;
}

export const occurrences = (bytes: Uint8Array, text: string) => Buffer.from(bytes).toString('latin1').split(text).length - 1;

export interface WebpLayout {
  riffSize: number;
  fourccs: string[];
  /** VP8X flags, canvas width and height, when the file is extended. */
  vp8x?: { flags: number; width: number; height: number };
}

export function webpLayout(bytes: Uint8Array): WebpLayout {
  const b = Buffer.from(bytes);
  const fourccs: string[] = [];
  let vp8x: WebpLayout['vp8x'];
  for (let at = 12; at < b.length; at += 8 + b.readUInt32LE(at + 4) + (b.readUInt32LE(at + 4) & 1)) {
    const fourcc = b.toString('latin1', at, at + 4);
    fourccs.push(fourcc);
    if (fourcc === 'VP8X') vp8x = { flags: b[at + 8]!, width: b.readUIntLE(at + 12, 3) + 1, height: b.readUIntLE(at + 15, 3) + 1 };
  }
  return { riffSize: b.readUInt32LE(4), fourccs, vp8x };
}
