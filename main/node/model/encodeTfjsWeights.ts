import type { ModelFiles } from '../../../app/host/contract.js';
import type { VggLayerWeights } from '../../../app/weights/loadVggWeights.js';
import { kernelShape } from '../../../app/weights/vggLayers.js';
import { encodeFloat16 } from './float16.js';
import { MODEL_CARD } from './modelCard.js';

export interface EncodeOptions {
  /** Store the weights as float16 (half the size; TensorFlow.js decodes them to float32). */
  float16?: boolean;
  /** Largest shard in bytes; 4 MiB by default, as the TensorFlow.js converter writes. */
  shardBytes?: number;
  /** Where the weights came from, recorded in model.json. */
  convertedFrom?: string;
}

interface ManifestWeight {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: { dtype: 'float16' };
}

function tensorBytes(values: Float32Array, float16: boolean): Uint8Array {
  if (float16) return encodeFloat16(values);
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function shardNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `group1-shard${i + 1}of${count}.bin`);
}

/**
 * A TensorFlow.js weights folder (model.json with one weights group, and its shards) holding the layers
 * in the engine's naming: block1_conv1/kernel (HWIO) and block1_conv1/bias, in network order.
 */
export function encodeTfjsWeights(layers: readonly VggLayerWeights[], options: EncodeOptions = {}): ModelFiles {
  const float16 = options.float16 ?? false;
  const shardBytes = options.shardBytes ?? MODEL_CARD.install.shardBytes;
  const weights: ManifestWeight[] = [];
  const parts: Uint8Array[] = [];
  for (const { layer, kernel, bias } of layers) {
    const quantization = float16 ? { quantization: { dtype: 'float16' as const } } : {};
    weights.push({ name: `${layer.kerasName}/kernel`, shape: kernelShape(layer), dtype: 'float32', ...quantization });
    weights.push({ name: `${layer.kerasName}/bias`, shape: [layer.outChannels], dtype: 'float32', ...quantization });
    parts.push(tensorBytes(kernel, float16), tensorBytes(bias, float16));
  }
  const stream = concat(parts);
  const paths = shardNames(Math.max(1, Math.ceil(stream.byteLength / shardBytes)));
  const files: ModelFiles = {};
  paths.forEach((p, i) => (files[p] = stream.subarray(i * shardBytes, (i + 1) * shardBytes)));
  const manifest = {
    format: 'weights',
    generatedBy: 'Pastiche',
    ...(options.convertedFrom ? { convertedFrom: options.convertedFrom } : {}),
    weightsManifest: [{ paths, weights }],
  };
  files['model.json'] = new TextEncoder().encode(`${JSON.stringify(manifest, null, 1)}\n`);
  return files;
}
