import type { ReluName } from '../weights/vggLayers.js';

/**
 * Where a unit of a layer looks in the input image. Unit (row, col) of the layer sees the square of
 * `size` px whose top-left corner is at (offset + row·stride, offset + col·stride); an offset below 0
 * means the first units' fields reach past the image edge (into the zero padding).
 */
export interface ReceptiveField {
  size: number;
  stride: number;
  offset: number;
}

function blockOf(layer: ReluName): number {
  const match = /^relu(\d+)_(\d+)$/.exec(layer);
  if (!match) throw new Error(`not a VGG layer name: ${layer}`);
  return Number(match[1]);
}

/**
 * The receptive field of every layer in a network's layer list (in network order, as VggNetwork.available
 * gives it): each layer is a 3×3 convolution with 'same' padding, and a 2×2 stride-2 pooling sits between
 * blocks. A 3×3 convolution widens the field by 2 input steps and moves its start one step out; the
 * pooling widens it by one step and doubles the step. VGG19: relu1_1 3 px, relu2_1 10 px, relu3_1 24 px,
 * relu4_1 68 px, relu5_1 156 px.
 */
export function receptiveFields(layers: readonly ReluName[]): Map<ReluName, ReceptiveField> {
  const out = new Map<ReluName, ReceptiveField>();
  let size = 1;
  let stride = 1;
  let offset = 0;
  let block: number | null = null;
  for (const layer of layers) {
    const b = blockOf(layer);
    if (block !== null && b !== block) {
      size += stride;
      stride *= 2;
    }
    block = b;
    size += 2 * stride;
    offset -= stride;
    out.set(layer, { size, stride, offset });
  }
  return out;
}

/** One layer's receptive field, from the network's layer list. */
export function receptiveField(layers: readonly ReluName[], layer: ReluName): ReceptiveField {
  const field = receptiveFields(layers).get(layer);
  if (!field) throw new Error(`layer ${layer} is not in this model (it has ${layers.join(', ')})`);
  return field;
}
