/** Each style's blend weight, 0–1, 1 when the user has not moved its slider. */
export const DEFAULT_BLEND_WEIGHT = 1;

/**
 * The engine's styleBlend for the styles in order: undefined (equal blend) for fewer than two styles or when
 * every weight is the same; all-zero weights also mean an equal blend, since a blend of nothing is no picture.
 */
export function blendWeights(styleIds: readonly number[], weights: ReadonlyMap<number, number>): number[] | undefined {
  if (styleIds.length < 2) return undefined;
  const w = styleIds.map((id) => weights.get(id) ?? DEFAULT_BLEND_WEIGHT);
  if (w.every((v) => v === w[0]) || w.every((v) => v === 0)) return undefined;
  return w;
}

/** A weight as the share of the blend it gets, for the slider's read-out ("40 %"). */
export function blendShare(styleIds: readonly number[], weights: ReadonlyMap<number, number>, id: number): number {
  const all = styleIds.map((s) => weights.get(s) ?? DEFAULT_BLEND_WEIGHT);
  const sum = all.reduce((a, b) => a + b, 0);
  return sum > 0 ? (weights.get(id) ?? DEFAULT_BLEND_WEIGHT) / sum : 1 / styleIds.length;
}
