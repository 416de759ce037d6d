/**
 * RGB ↔ YIQ (NTSC), the luminance/chroma split of Gatys et al. 2017, "Controlling Perceptual Factors
 * in Neural Style Transfer". Y = 0.299 R + 0.587 G + 0.114 B is the luminance; I and Q the chroma.
 */
const TO_YIQ = [
  [0.299, 0.587, 0.114],
  [0.595716, -0.274453, -0.321263],
  [0.211456, -0.522591, 0.311135],
] as const;

const FROM_YIQ = invert3(TO_YIQ);

function invert3(m: ReadonlyArray<readonly number[]>): number[][] {
  const [a, b, c] = m[0]!;
  const [d, e, f] = m[1]!;
  const [g, h, i] = m[2]!;
  const A = e! * i! - f! * h!;
  const B = -(d! * i! - f! * g!);
  const C = d! * h! - e! * g!;
  const det = a! * A + b! * B + c! * C;
  return [
    [A / det, -(b! * i! - c! * h!) / det, (b! * f! - c! * e!) / det],
    [B / det, (a! * i! - c! * g!) / det, -(a! * f! - c! * d!) / det],
    [C / det, -(a! * h! - b! * g!) / det, (a! * e! - b! * d!) / det],
  ];
}

function apply(m: ReadonlyArray<readonly number[]>, x: number, y: number, z: number): [number, number, number] {
  return [m[0]![0]! * x + m[0]![1]! * y + m[0]![2]! * z, m[1]![0]! * x + m[1]![1]! * y + m[1]![2]! * z, m[2]![0]! * x + m[2]![1]! * y + m[2]![2]! * z];
}

/** RGB in [0, 1] → YIQ. */
export function rgbToYiq(r: number, g: number, b: number): [number, number, number] {
  return apply(TO_YIQ, r, g, b);
}

/** YIQ → RGB (not clamped). */
export function yiqToRgb(y: number, i: number, q: number): [number, number, number] {
  return apply(FROM_YIQ, y, i, q);
}
