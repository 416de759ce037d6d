import { elementCount, type WeightEntry } from './manifest.js';

function float16ToFloat32(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Decodes one tensor's bytes (little-endian, as TensorFlow.js writes them) to float32. */
export function decodeEntry(entry: WeightEntry, bytes: Uint8Array): Float32Array {
  const n = elementCount(entry.shape);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(n);
  switch (entry.storage) {
    case 'float32':
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
      break;
    case 'float16':
      for (let i = 0; i < n; i++) out[i] = float16ToFloat32(view.getUint16(i * 2, true));
      break;
    case 'uint8':
      for (let i = 0; i < n; i++) out[i] = bytes[i]! * entry.scale + entry.min;
      break;
    case 'uint16':
      for (let i = 0; i < n; i++) out[i] = view.getUint16(i * 2, true) * entry.scale + entry.min;
      break;
  }
  return out;
}
