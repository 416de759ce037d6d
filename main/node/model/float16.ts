const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The IEEE 754 half-precision bits of a number, rounded to nearest, ties to even (as numpy's astype(float16)). */
export function float16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) return sign | subnormalBits(mantissa | 0x800000, e);
  return sign | roundShift((e << 23) | mantissa, 13);
}

/** A half-precision subnormal (or zero) for a float32 with biased half exponent e ≤ 0. */
function subnormalBits(significand: number, e: number): number {
  if (e < -10) return 0;
  return roundShift(significand, 14 - e);
}

/** value >> shift, rounded to nearest with ties to even; a carry into the exponent is the correct result. */
function roundShift(value: number, shift: number): number {
  const kept = Math.floor(value / 2 ** shift);
  const rest = value - kept * 2 ** shift;
  const half = 2 ** (shift - 1);
  return rest > half || (rest === half && kept % 2 === 1) ? kept + 1 : kept;
}

/** Little-endian float16 bytes of the values, as TensorFlow.js stores {"quantization": {"dtype": "float16"}}. */
export function encodeFloat16(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setUint16(i * 2, float16Bits(values[i]!), true);
  return out;
}
