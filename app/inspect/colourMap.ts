import type { RgbaImage } from '../image/rgbaImage.js';

/** 256 RGB entries: the colour of each byte value of a map. */
export type ColourLut = Uint8Array;

/** A CSS colour as d3-scale-chromatic's interpolators give them: "#rrggbb" or "rgb(r, g, b)". */
function parseColour(css: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`not a colour: ${css}`);
}

/** A lookup table from a colour scale on [0, 1], such as d3-scale-chromatic's interpolateViridis. */
export function colourLut(interpolate: (t: number) => string): ColourLut {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) lut.set(parseColour(interpolate(i / 255)), i * 3);
  return lut;
}

/** Black to white. */
export const GREY_LUT: ColourLut = colourLut((t) => {
  const v = Math.round(t * 255);
  return `rgb(${v}, ${v}, ${v})`;
});

/** A map of bytes (row-major, one per pixel) as an opaque picture through a lookup table. */
export function paintMap(values: Uint8Array, width: number, height: number, lut: ColourLut): RgbaImage {
  if (values.length !== width * height) throw new Error(`a ${width}×${height} map needs ${width * height} values (got ${values.length})`);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < values.length; p++) {
    const i = values[p]! * 3;
    data[p * 4] = lut[i]!;
    data[p * 4 + 1] = lut[i + 1]!;
    data[p * 4 + 2] = lut[i + 2]!;
    data[p * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** Values as bytes for a map: 0 … `top` onto 0 … 255 (clamped), or −top … top onto 0 … 255 when `signed`. */
export function toBytes(values: ArrayLike<number>, top: number, signed = false): Uint8Array {
  const out = new Uint8Array(values.length);
  const t = top > 0 ? top : 1;
  for (let i = 0; i < values.length; i++) {
    const v = signed ? (values[i]! / t + 1) / 2 : values[i]! / t;
    out[i] = Math.round(Math.min(1, Math.max(0, v)) * 255);
  }
  return out;
}

/** The largest of many values (or of their absolute values), at least `floor`: Math.max(...values) overflows the stack for a Gram matrix. */
export function largest(values: ArrayLike<number>, floor: number, absolute = false): number {
  let top = floor;
  for (let i = 0; i < values.length; i++) {
    const v = absolute ? Math.abs(values[i]!) : values[i]!;
    if (v > top) top = v;
  }
  return top;
}

/**
 * Values on a square-root scale, sign kept: a Gram matrix spans orders of magnitude, and on a linear scale
 * a few strong channels leave everything else one dark colour.
 */
export function signedSqrt(values: ArrayLike<number>): Float32Array {
  return Float32Array.from(values, (v) => Math.sign(v) * Math.sqrt(Math.abs(v)));
}
