import * as tf from '@tensorflow/tfjs-core';
/** One tile: the core it is responsible for and the larger window (core + halo) the network sees. */
export interface Tile {
  /** Core rows/cols [y0, y1) × [x0, x1) in image pixels; the cores of a grid partition the image. */
  core: { y0: number; y1: number; x0: number; x1: number };
  /** Window fed to the network: the core grown by the halo, clamped to the image. */
  window: { y0: number; y1: number; x0: number; x1: number };
}

export interface TileGridOptions {
  /** Core size in pixels (a multiple of `align`). */
  tile: number;
  /** Context added around each core so features at its edge see what they would in the whole image. */
  halo: number;
  /** Grid lines and windows fall on multiples of this (the network's largest stride). */
  align: number;
}

function cuts(size: number, tile: number, offset: number): number[] {
  const lines = [0];
  for (let at = offset === 0 ? tile : offset; at < size; at += tile) lines.push(at);
  lines.push(size);
  return lines;
}

/**
 * Tiles covering an image, rows first. `offset` (0 ≤ offset < tile, a multiple of align) shifts the
 * grid; changing it every iteration keeps seams from settling in one place.
 */
export function tileGrid(height: number, width: number, o: TileGridOptions, offset: { y: number; x: number }): Tile[][] {
  const rows = cuts(height, o.tile, offset.y);
  const cols = cuts(width, o.tile, offset.x);
  const grow = (a: number, b: number, size: number) => ({ from: Math.max(0, a - o.halo), to: Math.min(size, b + o.halo) });
  return rows.slice(1).map((y1, r) => {
    const y0 = rows[r]!;
    const wy = grow(y0, y1, height);
    return cols.slice(1).map((x1, c) => {
      const x0 = cols[c]!;
      const wx = grow(x0, x1, width);
      return { core: { y0, y1, x0, x1 }, window: { y0: wy.from, y1: wy.to, x0: wx.from, x1: wx.to } };
    });
  });
}

/** A random grid offset, aligned. */
export function randomOffset(o: TileGridOptions, random: () => number): { y: number; x: number } {
  const steps = Math.max(1, Math.floor(o.tile / o.align));
  return { y: Math.floor(random() * steps) * o.align, x: Math.floor(random() * steps) * o.align };
}

/** Rows [y0, y1) and columns [x0, x1) of a batch-1 NHWC tensor. */
export function crop(t: tf.Tensor4D, y0: number, y1: number, x0: number, x1: number): tf.Tensor4D {
  return tf.slice(t, [0, y0, x0, 0], [1, y1 - y0, x1 - x0, -1]);
}

/** A tile's core in the coordinates of a layer of this stride, relative to its window: [y0, y1, x0, x1]. */
export function coreInLayer(t: Tile, stride: number): [number, number, number, number] {
  const { core, window } = t;
  return [(core.y0 - window.y0) / stride, Math.floor((core.y1 - window.y0) / stride), (core.x0 - window.x0) / stride, Math.floor((core.x1 - window.x0) / stride)];
}

/** The same core in the whole picture's layer coordinates (for cropping full-size layer masks). */
export function coreInPictureLayer(t: Tile, stride: number): [number, number, number, number] {
  const [y0, y1, x0, x1] = coreInLayer(t, stride);
  const oy = t.window.y0 / stride;
  const ox = t.window.x0 / stride;
  return [y0 + oy, y1 + oy, x0 + ox, x1 + ox];
}

/** Adds a window's values (NHWC, batch 1) into the whole picture's buffer of the given shape. */
export function addWindow(buffer: Float32Array, shape: readonly number[], window: Tile['window'], values: ArrayLike<number>): void {
  const [, , width, channels] = shape as [number, number, number, number];
  const rowLength = (window.x1 - window.x0) * channels;
  for (let y = window.y0, k = 0; y < window.y1; y++) {
    const start = (y * width + window.x0) * channels;
    for (let i = 0; i < rowLength; i++, k++) buffer[start + i]! += values[k]!;
  }
}

/** A window's values cut out of the whole picture's (NHWC, batch 1), as addWindow's inverse. */
export function cutWindow(values: Float32Array, shape: readonly number[], window: Tile['window']): Float32Array {
  const [, , width, channels] = shape as [number, number, number, number];
  const rowLength = (window.x1 - window.x0) * channels;
  const out = new Float32Array((window.y1 - window.y0) * rowLength);
  for (let y = window.y0, k = 0; y < window.y1; y++, k += rowLength) {
    const start = (y * width + window.x0) * channels;
    out.set(values.subarray(start, start + rowLength), k);
  }
  return out;
}

/**
 * `count` strips across the longer side, cores aligned, each window grown by the halo: the pieces one picture
 * is split into when several engines paint it together (splitObjective.ts).
 */
export function stripTiles(height: number, width: number, count: number, o: Omit<TileGridOptions, 'tile'>): Tile[] {
  const across = width >= height;
  const length = across ? width : height;
  const step = Math.max(o.align, Math.round(length / count / o.align) * o.align);
  const lines = [0];
  for (let i = 1; i < count && i * step < length; i++) lines.push(i * step);
  lines.push(length);
  return lines.slice(1).map((end, i) => {
    const start = lines[i]!;
    const from = Math.max(0, start - o.halo);
    const to = Math.min(length, end + o.halo);
    return across
      ? { core: { y0: 0, y1: height, x0: start, x1: end }, window: { y0: 0, y1: height, x0: from, x1: to } }
      : { core: { y0: start, y1: end, x0: 0, x1: width }, window: { y0: from, y1: to, x0: 0, x1: width } };
  });
}
