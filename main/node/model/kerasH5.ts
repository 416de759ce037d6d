import type { Dataset as H5Dataset, Group as H5Group } from 'h5wasm/node';
import type { VggLayerWeights } from '../../../app/weights/loadVggWeights.js';
import { ModelError } from '../../../app/weights/modelError.js';
import { VGG19_CONV_LAYERS, kernelShape, type VggConvLayer } from '../../../app/weights/vggLayers.js';
import { h5wasm, hdf5Reason, openH5 } from './h5File.js';
import { MODEL_CARD } from './modelCard.js';

export interface KerasReadOptions {
  /** The deepest layer to read (Caffe name); the model card's install.upTo (conv5_1) by default. */
  upTo?: string;
  /** How messages name the file (a download names its URL, not the temp file); its path by default. */
  label?: string;
}

interface LayerTensors {
  layer: VggConvLayer;
  group: H5Group;
}

const H5T_FLOAT = 1;

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flat(Infinity).map((v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v)));
  return [];
}

function attributeList(node: H5Group, name: string): string[] | null {
  return name in node.attrs ? stringList(node.attrs[name]!.value) : null;
}

/** The group holding one group per layer: the root (model.save_weights) or model_weights (model.save). */
function weightsRoot(root: H5Group): H5Group {
  const nested = root.get('model_weights');
  if (attributeList(root, 'layer_names') === null && nested instanceof h5wasm.Group) return nested;
  return root;
}

function layerGroup(root: H5Group, layer: VggConvLayer): H5Group | null {
  for (const name of [layer.kerasName, layer.name]) {
    const group = root.get(name);
    if (group instanceof h5wasm.Group) return group;
  }
  return null;
}

function layersToRead(upTo: string): VggConvLayer[] {
  const last = VGG19_CONV_LAYERS.findIndex((l) => l.name === upTo);
  if (last === -1) throw new Error(`unknown VGG19 layer ${upTo}`);
  return VGG19_CONV_LAYERS.slice(0, last + 1);
}

/** The present layers, checked to be a prefix of VGG19 (conv1_1 onwards, no gaps). */
function findPrefix(file: string, root: H5Group, layers: VggConvLayer[]): LayerTensors[] {
  const found = layers.map((layer) => ({ layer, group: layerGroup(root, layer) }));
  const count = found.findIndex((f) => !f.group);
  const prefix = (count === -1 ? found : found.slice(0, count)) as LayerTensors[];
  if (prefix.length === 0) {
    const names = root.keys().slice(0, 8).join(', ');
    throw new ModelError(`${file}: no VGG19 layers found (expected a group block1_conv1; the file has ${names || 'no groups'}); is it a Keras VGG19 weights file?`, {
      file,
    });
  }
  const stray = found.slice(prefix.length).find((f) => f.group);
  if (stray) {
    const missing = found[prefix.length]!.layer.kerasName;
    throw new ModelError(`${file}: has ${stray.layer.kerasName} but not ${missing}; VGG19 layers must be present in order from block1_conv1`, {
      file,
      tensor: missing,
    });
  }
  return prefix;
}

function datasetsUnder(group: H5Group): H5Dataset[] {
  const out: H5Dataset[] = [];
  for (const key of group.keys()) {
    const entity = group.get(key);
    if (entity instanceof h5wasm.Dataset) out.push(entity);
    else if (entity instanceof h5wasm.Group) out.push(...datasetsUnder(entity));
  }
  return out;
}

/** The layer's weights, by its weight_names attribute (Keras 1 "block1_conv1_W_1:0", Keras 2 "block1_conv1/kernel:0") or by search. */
function layerDatasets(file: string, group: H5Group): H5Dataset[] {
  const names = attributeList(group, 'weight_names');
  if (names === null || names.length === 0) return datasetsUnder(group);
  return names.map((name) => {
    const ds = group.get(name);
    if (!(ds instanceof h5wasm.Dataset)) {
      throw new ModelError(`${file}: ${group.path} lists weight ${name} but the file has no such dataset`, { file, tensor: `${group.path}/${name}` });
    }
    return ds;
  });
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function shapeHint(shape: readonly number[], expected: readonly number[]): string {
  const [h, w, i, o] = expected;
  if (expected.length === 4 && sameShape(shape, [o!, i!, h!, w!])) {
    return ' (channels-first Theano order: use the tf_dim_ordering file)';
  }
  return '';
}

function readTensor(file: string, ds: H5Dataset, layer: VggConvLayer, expected: readonly number[]): Float32Array {
  const tensor = ds.path.replace(/^\//, '');
  const fail = (why: string): never => {
    throw new ModelError(`${file}: tensor ${tensor} ${why}`, { file, tensor });
  };
  const shape = ds.shape ?? [];
  if (!sameShape(shape, expected)) fail(`has shape [${shape}] but VGG19 ${layer.name} needs [${expected}]${shapeHint(shape, expected)}`);
  if (ds.metadata.type !== H5T_FLOAT) fail(`is not floating point (HDF5 type class ${ds.metadata.type})`);
  let value: unknown;
  try {
    value = ds.value;
  } catch (e) {
    fail(`cannot be read: ${hdf5Reason(e)}`);
  }
  if (!(value instanceof Float32Array || value instanceof Float64Array)) return fail('did not read as a float array');
  const values = value instanceof Float32Array ? value : Float32Array.from(value);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad !== -1) fail(`holds a non-finite value at element ${bad}; the file is corrupt`);
  return values;
}

function readLayer(file: string, { layer, group }: LayerTensors): VggLayerWeights {
  const datasets = layerDatasets(file, group);
  const kernel = datasets.find((d) => d.shape?.length === 4);
  const bias = datasets.find((d) => d.shape?.length === 1);
  if (!kernel || !bias) {
    const listed = datasets.map((d) => `${d.path} [${d.shape}]`).join(', ') || 'nothing';
    const missing = kernel ? 'bias (a 1-D tensor)' : 'kernel (a 4-D tensor)';
    throw new ModelError(`${file}: layer ${layer.kerasName} has no ${missing}; it holds ${listed}`, { file, tensor: `${layer.kerasName}/${kernel ? 'bias' : 'kernel'}` });
  }
  return {
    layer,
    kernel: readTensor(file, kernel, layer, kernelShape(layer)),
    bias: readTensor(file, bias, layer, [layer.outChannels]),
  };
}

/**
 * Reads the VGG19 convolution weights (a prefix up to options.upTo) from a Keras HDF5 weights file: the Keras 1
 * layout of vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5, the Keras 2 layout, or a whole-model file
 * (model_weights group). Kernels come out HWIO float32, as Keras stores them with TensorFlow dim ordering.
 */
export async function readKerasH5(path: string, options: KerasReadOptions = {}): Promise<VggLayerWeights[]> {
  const layers = layersToRead(options.upTo ?? MODEL_CARD.install.upTo);
  const file = options.label ?? path;
  let h5;
  try {
    h5 = await openH5(path);
  } catch (e) {
    throw new ModelError(`${file}: cannot be read as a Keras .h5 weights file: ${(e as Error).message}`, { file });
  }
  try {
    const prefix = findPrefix(file, weightsRoot(h5), layers);
    return prefix.map((p) => readLayer(file, p));
  } finally {
    h5.close();
  }
}
