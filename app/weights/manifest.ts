import { ModelError } from './modelError.js';

/** The subset of the TensorFlow.js weights manifest (model.json → weightsManifest) that the engine reads. */
export interface WeightEntry {
  name: string;
  shape: number[];
  /** How the bytes are stored: float32, or a quantised form decoded to float32. */
  storage: 'float32' | 'float16' | 'uint8' | 'uint16';
  scale: number;
  min: number;
}

export interface WeightGroup {
  paths: string[];
  weights: WeightEntry[];
}

const BYTES_PER_ELEMENT: Record<WeightEntry['storage'], number> = { float32: 4, float16: 2, uint8: 1, uint16: 2 };

export function entryByteLength(entry: WeightEntry): number {
  return elementCount(entry.shape) * BYTES_PER_ELEMENT[entry.storage];
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function fail(message: string, tensor?: string): never {
  throw new ModelError(`model.json: ${message}`, { file: 'model.json', tensor });
}

function parseEntry(raw: unknown, where: string): WeightEntry {
  if (typeof raw !== 'object' || raw === null) fail(`${where} is not an object`);
  const r = raw as Record<string, unknown>;
  if (typeof r.name !== 'string' || r.name === '') fail(`${where} has no name`);
  const name = r.name;
  const shape = r.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    fail(`tensor ${name} has an invalid shape ${JSON.stringify(shape)}`, name);
  }
  if (r.dtype !== 'float32') fail(`tensor ${name} has dtype ${String(r.dtype)}; only float32 weights are supported`, name);
  const q = r.quantization as Record<string, unknown> | undefined;
  if (q === undefined || q === null) return { name, shape, storage: 'float32', scale: 1, min: 0 };
  if (q.dtype === 'float16') return { name, shape, storage: 'float16', scale: 1, min: 0 };
  if (q.dtype === 'uint8' || q.dtype === 'uint16') {
    if (typeof q.scale !== 'number' || typeof q.min !== 'number') {
      fail(`tensor ${name} is quantised to ${q.dtype} but has no numeric scale and min`, name);
    }
    return { name, shape, storage: q.dtype, scale: q.scale, min: q.min };
  }
  return fail(`tensor ${name} uses unsupported quantisation ${JSON.stringify(q.dtype)}`, name);
}

/** Parses model.json text and returns its weight groups, validated for structure. */
export function parseManifest(text: string): WeightGroup[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(`not valid JSON (${(e as Error).message})`);
  }
  const manifest = Array.isArray(json) ? json : (json as Record<string, unknown> | null)?.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length === 0) fail('has no weightsManifest');
  return manifest.map((g: unknown, gi: number) => {
    const group = g as Record<string, unknown> | null;
    const paths = group?.paths;
    const weights = group?.weights;
    if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string' && p !== '')) {
      fail(`weights group ${gi + 1} has no list of shard paths`);
    }
    if (!Array.isArray(weights)) fail(`weights group ${gi + 1} has no list of weights`);
    for (const p of paths) {
      if (p.includes('..') || p.startsWith('/') || p.includes('\\') || p.includes(':')) {
        fail(`shard path ${JSON.stringify(p)} points outside the model folder`);
      }
    }
    return { paths, weights: weights.map((w, wi) => parseEntry(w, `weight ${wi + 1} of group ${gi + 1}`)) };
  });
}
