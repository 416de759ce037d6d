import { decodeEntry } from './decode.js';
import { entryByteLength, parseManifest, type WeightEntry, type WeightGroup } from './manifest.js';
import { ModelError } from './modelError.js';
import { VGG19_CONV_LAYERS, kernelShape, type VggConvLayer } from './vggLayers.js';
import type { WeightsSource } from './weightsSource.js';

export interface VggLayerWeights {
  layer: VggConvLayer;
  /** HWIO, [3, 3, in, out], as in TensorFlow/Keras. */
  kernel: Float32Array;
  bias: Float32Array;
}

/** The weights of a prefix of VGG19 (conv1_1 … some conv layer), as plain arrays. */
export interface VggWeights {
  layers: VggLayerWeights[];
  /** Where they were read from, for messages and the UI. */
  location: string;
}

interface Located {
  entry: WeightEntry;
  group: WeightGroup;
  offset: number;
}

const MANIFEST = 'model.json';

/** "vgg19/block1_conv1/kernel:0" → "block1_conv1/kernel". */
function shortName(name: string): string {
  return name.replace(/:\d+$/, '').split('/').slice(-2).join('/');
}

function locateEntries(groups: WeightGroup[]): Map<string, Located> {
  const found = new Map<string, Located>();
  for (const group of groups) {
    let offset = 0;
    for (const entry of group.weights) {
      found.set(shortName(entry.name), { entry, group, offset });
      offset += entryByteLength(entry);
    }
  }
  return found;
}

function findLayerEntries(found: Map<string, Located>, layer: VggConvLayer) {
  const pick = (kind: string) => found.get(`${layer.kerasName}/${kind}`) ?? found.get(`${layer.name}/${kind}`);
  return { kernel: pick('kernel'), bias: pick('bias') };
}

/** The VGG layers present, checked to be a prefix of VGG19 with the right shapes. */
function selectPrefix(found: Map<string, Located>): Array<{ layer: VggConvLayer; kernel: Located; bias: Located }> {
  const present = VGG19_CONV_LAYERS.map((layer) => ({ layer, ...findLayerEntries(found, layer) }));
  const count = present.findIndex((p) => !p.kernel);
  const prefix = count === -1 ? present : present.slice(0, count);
  if (prefix.length === 0) {
    throw new ModelError(`${MANIFEST}: no VGG19 weights found (expected tensors named block1_conv1/kernel or conv1_1/kernel)`, { file: MANIFEST });
  }
  const stray = present.slice(prefix.length).find((p) => p.kernel);
  if (stray) {
    const missing = present[prefix.length]!.layer;
    throw new ModelError(`${MANIFEST}: has ${stray.layer.kerasName} but not ${missing.kerasName}; VGG19 layers must be present in order from conv1_1`, {
      file: MANIFEST,
      tensor: `${missing.kerasName}/kernel`,
    });
  }
  return prefix.map(({ layer, kernel, bias }) => {
    const expectShape = (loc: Located, shape: number[]) => {
      if (loc.entry.shape.length !== shape.length || loc.entry.shape.some((d, i) => d !== shape[i])) {
        throw new ModelError(`${MANIFEST}: tensor ${loc.entry.name} has shape [${loc.entry.shape}] but VGG19 ${layer.name} needs [${shape}]`, {
          file: MANIFEST,
          tensor: loc.entry.name,
        });
      }
    };
    if (!bias) throw new ModelError(`${MANIFEST}: ${layer.kerasName} has a kernel but no bias`, { file: MANIFEST, tensor: `${layer.kerasName}/bias` });
    expectShape(kernel!, kernelShape(layer));
    expectShape(bias, [layer.outChannels]);
    return { layer, kernel: kernel!, bias };
  });
}

interface GroupBytes {
  bytes: Uint8Array;
  shardSizes: number[];
}

async function readGroup(source: WeightsSource, group: WeightGroup): Promise<GroupBytes> {
  const shards: Uint8Array[] = [];
  for (const path of group.paths) {
    try {
      shards.push(await source.readBytes(path));
    } catch (e) {
      const first = group.weights[0]?.name;
      throw new ModelError(`${path}: cannot be read (${(e as Error).message}); it holds weights starting with ${first}`, { file: path, tensor: first });
    }
  }
  const total = shards.reduce((n, s) => n + s.byteLength, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const s of shards) {
    bytes.set(s, at);
    at += s.byteLength;
  }
  return { bytes, shardSizes: shards.map((s) => s.byteLength) };
}

/**
 * Where a short group's bytes stop making sense: a middle shard shorter than the first (TensorFlow.js
 * writes equal shards but the last) cuts the stream at its end; otherwise the last shard is short.
 */
function truncation(group: WeightGroup, sizes: number[]): { file: string; offset: number } {
  const full = sizes[0]!;
  const i = sizes.findIndex((s, k) => k < sizes.length - 1 && s < full);
  if (i === -1) return { file: group.paths[sizes.length - 1]!, offset: sizes.reduce((a, b) => a + b, 0) };
  return { file: group.paths[i]!, offset: full * i + sizes[i]! };
}

function checkGroupLength(group: WeightGroup, data: GroupBytes): void {
  const expected = group.weights.reduce((n, w) => n + entryByteLength(w), 0);
  const actual = data.bytes.byteLength;
  if (actual === expected) return;
  if (actual > expected) {
    const file = group.paths[group.paths.length - 1]!;
    throw new ModelError(`${file}: the shards hold ${actual} bytes but model.json describes ${expected}; the files do not belong to this model.json`, { file });
  }
  const { file, offset } = truncation(group, data.shardSizes);
  let end = 0;
  const cut = group.weights.find((w) => (end += entryByteLength(w)) > offset)!;
  throw new ModelError(`${file}: truncated: the shards hold ${actual} of ${expected} bytes, so tensor ${cut.name} is incomplete`, { file, tensor: cut.name });
}

function fileOf(loc: Located, sizes: number[]): string {
  let end = 0;
  for (let i = 0; i < sizes.length; i++) {
    end += sizes[i]!;
    if (loc.offset < end) return loc.group.paths[i]!;
  }
  return loc.group.paths[loc.group.paths.length - 1]!;
}

function decodeChecked(loc: Located, data: GroupBytes): Float32Array {
  const bytes = data.bytes.subarray(loc.offset, loc.offset + entryByteLength(loc.entry));
  const values = decodeEntry(loc.entry, bytes);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      const file = fileOf(loc, data.shardSizes);
      throw new ModelError(`${file}: tensor ${loc.entry.name} holds a non-finite value at element ${i}; the file is corrupt`, { file, tensor: loc.entry.name });
    }
  }
  return values;
}

async function readManifest(source: WeightsSource): Promise<WeightGroup[]> {
  let bytes: Uint8Array;
  try {
    bytes = await source.readBytes(MANIFEST);
  } catch (e) {
    throw new ModelError(`${MANIFEST}: cannot be read in ${source.location} (${(e as Error).message})`, { file: MANIFEST });
  }
  return parseManifest(new TextDecoder().decode(bytes));
}

/**
 * Reads a TensorFlow.js weights folder holding any prefix of VGG19 (conv1_1 … conv5_4).
 * Every problem is a ModelError naming the file and tensor.
 */
export async function loadVggWeights(source: WeightsSource): Promise<VggWeights> {
  const groups = await readManifest(source);
  const prefix = selectPrefix(locateEntries(groups));
  const needed = new Set(prefix.flatMap((p) => [p.kernel.group, p.bias.group]));
  const groupBytes = new Map<WeightGroup, GroupBytes>();
  for (const group of needed) {
    const data = await readGroup(source, group);
    checkGroupLength(group, data);
    groupBytes.set(group, data);
  }
  const layers = prefix.map(({ layer, kernel, bias }) => ({
    layer,
    kernel: decodeChecked(kernel, groupBytes.get(kernel.group)!),
    bias: decodeChecked(bias, groupBytes.get(bias.group)!),
  }));
  return { layers, location: source.location };
}
