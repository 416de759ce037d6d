import type { Image } from './naiveVgg.js';

/** Gram matrix of an activation in float64: G[a][b] = Σ_p F[p][a] F[p][b] / (H W) (Gatys et al., normalised by size). */
export function naiveGram(x: Image): Float64Array {
  const g = new Float64Array(x.c * x.c);
  const n = x.h * x.w;
  for (let p = 0; p < n; p++) {
    const row = p * x.c;
    for (let a = 0; a < x.c; a++) {
      const fa = x.v[row + a]!;
      if (fa === 0) continue;
      for (let b = 0; b < x.c; b++) g[a * x.c + b] += fa * x.v[row + b]!;
    }
  }
  return g.map((v) => v / n);
}

/** How far `g` is from the target Gram `a`, relative to the target: |G − A|² / |A|². */
export function gramDistance(g: Float64Array, a: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (g[i]! - a[i]!) ** 2;
    den += a[i]! ** 2;
  }
  return num / den;
}
