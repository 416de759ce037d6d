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
