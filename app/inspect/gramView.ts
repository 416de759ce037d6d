import { rankChannels } from './channelStats.js';

/**
 * A layer's Gram matrices as the inspector shows them: C × C, row-major, channels reordered by the
 * style's channel energy (its Gram diagonal, the mean squared activation), strongest first, the same
 * order in all three so they can be compared cell by cell.
 */
export interface GramView {
  channels: number;
  /** order[i] is the channel shown in row and column i. */
  order: number[];
  style: Float32Array;
  current: Float32Array | null;
  /** current − style. */
  difference: Float32Array | null;
}

function reorder(m: ArrayLike<number>, order: readonly number[]): Float32Array {
  const c = order.length;
  const out = new Float32Array(c * c);
  for (let i = 0; i < c; i++) for (let j = 0; j < c; j++) out[i * c + j] = m[order[i]! * c + order[j]!]!;
  return out;
}

/** The view of a style Gram matrix and, when given, the current picture's (both C × C, row-major). */
export function gramView(style: ArrayLike<number>, current: ArrayLike<number> | null): GramView {
  const channels = Math.round(Math.sqrt(style.length));
  if (channels * channels !== style.length) throw new Error(`a Gram matrix is square (got ${style.length} values)`);
  if (current && current.length !== style.length) throw new Error('the two Gram matrices must have the same size');
  const order = rankChannels(Array.from({ length: channels }, (_, i) => style[i * channels + i]!));
  const s = reorder(style, order);
  const c = current ? reorder(current, order) : null;
  return { channels, order, style: s, current: c, difference: c ? c.map((v, i) => v - s[i]!) : null };
}
