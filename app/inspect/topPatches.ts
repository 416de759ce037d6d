import type { ReceptiveField } from './receptiveField.js';

/** A unit that responds strongly, and the square of the input image it sees. */
export interface Patch {
  /** The unit's position in the feature map. */
  row: number;
  col: number;
  activation: number;
  /** Its receptive field in input pixels (may reach past the image edge). */
  x: number;
  y: number;
  size: number;
}

/** A [H, W, C] activation (NHWC without the batch), as plain numbers. */
export interface Activation {
  height: number;
  width: number;
  channels: number;
  values: ArrayLike<number>;
}

/**
 * The `count` units of `channel` that respond most, strongest first, as patches of the input image. Taking
 * the plain top units would return neighbours of one peak showing the same thing nine times, so a unit
 * is skipped when it lies within half a receptive field of one already chosen (the patches overlap by at
 * most half). Units that do not respond at all (activation 0) are not patches: a quiet channel has fewer.
 */
export function topPatches(a: Activation, channel: number, field: ReceptiveField, count = 9): Patch[] {
  if (!Number.isInteger(channel) || channel < 0 || channel >= a.channels) {
    throw new Error(`channel ${channel} is out of range: the layer has channels 0–${a.channels - 1}`);
  }
  const positions = a.height * a.width;
  const value = (p: number) => a.values[p * a.channels + channel]!;
  const order = Array.from({ length: positions }, (_, p) => p).sort((p, q) => value(q) - value(p) || p - q);
  const apart = Math.max(1, Math.ceil(field.size / 2 / field.stride));
  const chosen: Patch[] = [];
  for (const p of order) {
    if (chosen.length === count || !(value(p) > 0)) break;
    const row = Math.floor(p / a.width);
    const col = p % a.width;
    if (chosen.some((c) => Math.abs(c.row - row) < apart && Math.abs(c.col - col) < apart)) continue;
    chosen.push({ row, col, activation: value(p), x: field.offset + col * field.stride, y: field.offset + row * field.stride, size: field.size });
  }
  return chosen;
}
