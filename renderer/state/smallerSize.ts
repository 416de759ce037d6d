/** A smaller working size after running out of memory: three quarters, on a multiple of 16, at least 64. */
export function smallerSize(size: number): number {
  return Math.max(64, Math.floor((size * 0.75) / 16) * 16);
}
