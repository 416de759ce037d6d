import type { VggWeights } from '../../app/weights/loadVggWeights.js';
import { VGG19_CONV_LAYERS } from '../../app/weights/vggLayers.js';
import { randomValues } from './numeric.js';

/** Small synthetic VGG19 prefix weights (He-scaled random kernels, small biases) for the first `count` layers. */
export function syntheticVggWeights(count: number, seed = 1): VggWeights {
  const layers = VGG19_CONV_LAYERS.slice(0, count).map((layer, i) => {
    const fanIn = 9 * layer.inChannels;
    const scale = Math.sqrt(6 / fanIn) * (i === 0 ? 1 / 60 : 1);
    return {
      layer,
      kernel: randomValues(fanIn * layer.outChannels, seed * 100 + i, -scale, scale),
      bias: randomValues(layer.outChannels, seed * 100 + 50 + i, 0, 0.1),
    };
  });
  return { layers, location: 'synthetic' };
}

export interface ManifestEntryOptions {
  quantization?: { dtype: 'float16' } | { dtype: 'uint8' | 'uint16'; scale: number; min: number };
}

/** Serialises weights as a TensorFlow.js weights folder (model.json + shards of `shardBytes`), in memory. */
export function toWeightsFolder(weights: VggWeights, shardBytes = 1 << 20): Map<string, Uint8Array> {
  const entries = weights.layers.flatMap(({ layer, kernel, bias }) => [
    { name: `${layer.kerasName}/kernel`, shape: [3, 3, layer.inChannels, layer.outChannels], dtype: 'float32', data: kernel },
    { name: `${layer.kerasName}/bias`, shape: [layer.outChannels], dtype: 'float32', data: bias },
  ]);
  const total = entries.reduce((n, e) => n + e.data.byteLength, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    bytes.set(new Uint8Array(e.data.buffer, e.data.byteOffset, e.data.byteLength), at);
    at += e.data.byteLength;
  }
  const files = new Map<string, Uint8Array>();
  const paths: string[] = [];
  for (let i = 0, k = 1; i < total; i += shardBytes, k++) paths.push(`group1-shard${k}of${Math.ceil(total / shardBytes)}.bin`);
  paths.forEach((p, k) => files.set(p, bytes.slice(k * shardBytes, (k + 1) * shardBytes)));
  const manifest = { format: 'layers-model', weightsManifest: [{ paths, weights: entries.map(({ name, shape, dtype }) => ({ name, shape, dtype })) }] };
  files.set('model.json', new TextEncoder().encode(JSON.stringify(manifest)));
  return files;
}
