import { fitLongestSide, type MaskImage } from '../../app/index.js';

/** Longest side of the canvas a mask is painted on (the engine resizes masks to each scale). */
export const MASK_LONGEST_SIDE = 512;

export interface Brush {
  /** Radius of the whole dab, mask pixels. */
  radius: number;
  /** Width of the soft edge inside the radius, mask pixels: 0 is a hard edge. */
  feather: number;
  /** The eraser lowers the mask where the brush raises it. */
  erase: boolean;
}

export interface Point {
  x: number;
  y: number;
}

/** An empty (all 0) mask at the photo's aspect ratio. */
export function emptyMask(photoWidth: number, photoHeight: number, longest = MASK_LONGEST_SIDE): MaskImage {
  const { width, height } = fitLongestSide(photoWidth, photoHeight, longest);
  return { width, height, data: new Uint8ClampedArray(width * height) };
}

/** A dab's strength at a distance from its centre: 255 inside the hard core, falling linearly to 0 across the feather. */
export function dabValue(distance: number, radius: number, feather: number): number {
  const core = Math.max(0, radius - Math.max(0, feather));
  if (distance >= radius) return 0;
  if (distance <= core) return 255;
  return Math.round((255 * (radius - distance)) / (radius - core));
}

/** Paints one round dab centred on (x, y), in mask pixel coordinates (pixel centres at +0.5). */
export function paintDab(mask: MaskImage, at: Point, brush: Brush): void {
  const { width, height, data } = mask;
  const x0 = Math.max(0, Math.floor(at.x - brush.radius));
  const x1 = Math.min(width - 1, Math.ceil(at.x + brush.radius));
  const y0 = Math.max(0, Math.floor(at.y - brush.radius));
  const y1 = Math.min(height - 1, Math.ceil(at.y + brush.radius));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const v = dabValue(Math.hypot(x + 0.5 - at.x, y + 0.5 - at.y), brush.radius, brush.feather);
      if (v === 0) continue;
      const i = y * width + x;
      data[i] = brush.erase ? Math.min(data[i]!, 255 - v) : Math.max(data[i]!, v);
    }
  }
}

/** Paints a stroke segment as dabs a quarter of the radius apart, so the edge stays smooth. */
export function paintStroke(mask: MaskImage, from: Point, to: Point, brush: Brush): void {
  const spacing = Math.max(0.5, brush.radius / 4);
  const steps = Math.max(1, Math.ceil(Math.hypot(to.x - from.x, to.y - from.y) / spacing));
  for (let k = 0; k <= steps; k++) {
    const t = k / steps;
    paintDab(mask, { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }, brush);
  }
}

export function invertMask(mask: MaskImage): void {
  for (let i = 0; i < mask.data.length; i++) mask.data[i] = 255 - mask.data[i]!;
}

export function clearMask(mask: MaskImage): void {
  mask.data.fill(0);
}

export function isEmptyMask(mask: MaskImage): boolean {
  return mask.data.every((v) => v === 0);
}

/** A copy that owns its own buffer, safe to transfer to the engine worker. */
export function copyMask(mask: MaskImage): MaskImage {
  return { width: mask.width, height: mask.height, data: new Uint8ClampedArray(mask.data) };
}
