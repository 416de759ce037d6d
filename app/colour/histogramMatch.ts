import type { RgbaImage } from '../image/rgbaImage.js';
import { colourStatistics, mapPixels } from './colourImage.js';

type Matrix = number[][];

function multiply(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}

/** Eigen-decomposition of a symmetric 3×3 matrix by Jacobi rotations. */
function symmetricEigen(m: Matrix): { values: number[]; vectors: Matrix } {
  const a = m.map((r) => [...r]);
  let v: Matrix = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[0]![1]! ** 2 + a[0]![2]! ** 2 + a[1]![2]! ** 2;
    if (off < 1e-30) break;
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      if (Math.abs(a[p]![q]!) < 1e-30) continue;
      const theta = (a[q]![q]! - a[p]![p]!) / (2 * a[p]![q]!);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      const r: Matrix = [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ];
      r[p]![p] = c;
      r[q]![q] = c;
      r[p]![q] = s;
      r[q]![p] = -s;
      const rt = r.map((row, i) => row.map((_, j) => r[j]![i]!));
      const next = multiply(multiply(rt, a), r);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) a[i]![j] = next[i]![j]!;
      v = multiply(v, r);
    }
  }
  return { values: [a[0]![0]!, a[1]![1]!, a[2]![2]!], vectors: v };
}

/** S^power for a symmetric positive semi-definite S (eigenvalues floored to keep it invertible). */
function symmetricPower(s: Matrix, power: number): Matrix {
  const { values, vectors } = symmetricEigen(s);
  const d = values.map((l) => Math.max(l, 1e-8) ** power);
  // V diag(d) Vᵀ
  return vectors.map((row) => vectors.map((other) => row.reduce((sum, v, k) => sum + v * d[k]! * other[k]!, 0)));
}

/**
 * Colour histogram matching (Gatys et al. 2017): transforms the style image's colours linearly,
 * x' = A (x − μ_s) + μ_c with A = Σ_c^½ Σ_s^−½ (the symmetric square-root variant), so that their mean and
 * covariance equal the content's. The transfer then uses the recoloured style.
 */
export function matchColourHistogram(style: RgbaImage, content: RgbaImage): RgbaImage {
  const s = colourStatistics(style);
  const c = colourStatistics(content);
  const a = multiply(symmetricPower(c.covariance, 0.5), symmetricPower(s.covariance, -0.5));
  return mapPixels(style, (r, g, b) => {
    const v = [r - s.mean[0], g - s.mean[1], b - s.mean[2]];
    return [0, 1, 2].map((i) => a[i]![0]! * v[0]! + a[i]![1]! * v[1]! + a[i]![2]! * v[2]! + c.mean[i]!) as [number, number, number];
  });
}
