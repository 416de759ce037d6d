import { readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * An independent float64 VGG19 prefix (conv1_1 … conv3_4), written from the paper and SOURCE.md without the
 * engine: it reads model.json and the shards itself, converts to Caffe input literally, and convolves with
 * plain loops. Slow (use small images or crops), but it shares no code with what it checks.
 */

/** Reads the raw float32 tensors of the folder straight from model.json and the shards, without the engine. */
export function rawTensors(dir: string): Map<string, { shape: number[]; data: Float32Array }> {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')).weightsManifest[0];
  const bytes = Buffer.concat(manifest.paths.map((p: string) => readFileSync(path.join(dir, p))));
  const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  let at = 0;
  for (const w of manifest.weights as { name: string; shape: number[] }[]) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    out.set(w.name, { shape: w.shape, data: floats.slice(at, at + n) });
    at += n;
  }
  return out;
}

export type Image = { h: number; w: number; c: number; v: Float64Array };

/** What lies past the edge: zeros, or the nearest edge pixel (replicate). */
export type NaiveEdge = 'zero' | 'replicate';

/** Plain 3×3 'same' cross-correlation + bias + ReLU, HWIO kernel, in float64. */
export function naiveConvRelu(x: Image, kernel: Float32Array, bias: Float32Array, out: number, edge: NaiveEdge = 'zero'): Image {
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  const y = new Float64Array(x.h * x.w * out);
  for (let i = 0; i < x.h; i++)
    for (let j = 0; j < x.w; j++)
      for (let o = 0; o < out; o++) {
        let s = bias[o]!;
        for (let di = 0; di < 3; di++)
          for (let dj = 0; dj < 3; dj++) {
            let ii = i + di - 1;
            let jj = j + dj - 1;
            if (edge === 'replicate') [ii, jj] = [clamp(ii, x.h), clamp(jj, x.w)];
            if (ii < 0 || jj < 0 || ii >= x.h || jj >= x.w) continue;
            for (let c = 0; c < x.c; c++) s += x.v[(ii * x.w + jj) * x.c + c]! * kernel[((di * 3 + dj) * x.c + c) * out + o]!;
          }
        y[(i * x.w + j) * out + o] = Math.max(0, s);
      }
  return { h: x.h, w: x.w, c: out, v: y };
}

export function naiveMaxPool(x: Image): Image {
  const h = Math.floor(x.h / 2);
  const w = Math.floor(x.w / 2);
  const y = new Float64Array(h * w * x.c);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++)
      for (let c = 0; c < x.c; c++) {
        const at = (a: number, b: number) => x.v[((2 * i + a) * x.w + 2 * j + b) * x.c + c]!;
        y[(i * w + j) * x.c + c] = Math.max(at(0, 0), at(0, 1), at(1, 0), at(1, 1));
      }
  return { h, w, c: x.c, v: y };
}

/** The Keras/Caffe convention of SOURCE.md, literally: BGR, 0–255, minus the BGR means. */
export function caffeInput(rgb01: ArrayLike<number>, h: number, w: number): Image {
  const mean = [103.939, 116.779, 123.68];
  const v = new Float64Array(h * w * 3);
  for (let p = 0; p < h * w; p++) for (let c = 0; c < 3; c++) v[p * 3 + c] = rgb01[p * 3 + (2 - c)]! * 255 - mean[c]!;
  return { h, w, c: 3, v };
}

export const LAYERS = ['conv1_1', 'conv1_2', 'pool', 'conv2_1', 'conv2_2', 'pool', 'conv3_1', 'conv3_2', 'conv3_3', 'conv3_4'];

/**
 * The ReLU activations of every conv layer, stopping after `last` (e.g. "relu3_1") when given. `edge` is
 * conv1_1's padding (the deeper layers pad with zeros).
 */
export function naiveVgg(raw: ReturnType<typeof rawTensors>, input: Image, last?: string, edge: NaiveEdge = 'zero'): Map<string, Image> {
  const out = new Map<string, Image>();
  let x = input;
  for (const name of LAYERS) {
    if (last && out.has(last)) break;
    if (name === 'pool') {
      x = naiveMaxPool(x);
      continue;
    }
    const keras = `block${name[4]}_conv${name[6]}`;
    const k = raw.get(`${keras}/kernel`)!;
    x = naiveConvRelu(x, k.data, raw.get(`${keras}/bias`)!.data, k.shape[3]!, name === 'conv1_1' ? edge : 'zero');
    out.set(`relu${name.slice(4)}`, x);
  }
  return out;
}

