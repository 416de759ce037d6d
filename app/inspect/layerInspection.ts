import * as tf from '@tensorflow/tfjs-core';
import { gramMatrix } from '../costs/gram.js';
import { rgbaToTensor } from '../image/imageTensor.js';
import type { RgbaImage } from '../image/rgbaImage.js';
import type { Pooling } from '../network/pool.js';
import type { VggNetwork } from '../network/vgg.js';
import { chooseLayers, withStyleLayerWeights } from '../run/layerPresets.js';
import type { ReluName } from '../weights/vggLayers.js';
import { channelStats, rankChannels } from './channelStats.js';
import { cutPatch } from './cutPatch.js';
import { gramView, type GramView } from './gramView.js';
import { receptiveField, type ReceptiveField } from './receptiveField.js';
import { blendedGrams, styleShares, type StyleShare } from './styleShares.js';
import { topPatches, type Patch } from './topPatches.js';

/** What the studio's layer inspector asks for. The images come at the size to inspect (the styles already scaled by the style scale). */
export interface InspectionRequest {
  layer: ReluName;
  photo: RgbaImage;
  styles: RgbaImage[];
  /** The picture being painted, when there is one. */
  current: RgbaImage | null;
  /** A channel the user picked: maps and patches show it; null: the strongest channels on the style. */
  channel: number | null;
  /** How many channels to show when none is picked. */
  count: number;
  pooling: Pooling;
  styleBlend?: number[];
  styleLayerWeights?: number[];
}

/** One channel of one image, as bytes: 255 is the channel's `scale` (shared by all images, so they compare). */
export interface ChannelMap {
  channel: number;
  mean: number;
  max: number;
  scale: number;
  width: number;
  height: number;
  values: Uint8Array;
}

export interface PatchImage extends Patch {
  image: RgbaImage;
}

export interface LayerInspection {
  layer: ReluName;
  channels: number;
  field: ReceptiveField;
  /** The channels shown, in order. */
  shown: number[];
  maps: { photo: ChannelMap[]; styles: ChannelMap[][]; current: ChannelMap[] | null };
  /** The channel whose top patches are given. */
  patchChannel: number;
  patches: { photo: PatchImage[]; style: PatchImage[] };
  gram: GramView;
  /** Each style layer's share of the style cost of the current picture (null without one). */
  shares: StyleShare[] | null;
}

interface Measured {
  features: tf.Tensor4D;
  mean: Float32Array;
  max: Float32Array;
}

function measure(features: tf.Tensor4D): Measured {
  return { features, ...channelStats(features) };
}

function channelMaps(m: Measured, shown: readonly number[], scales: readonly number[]): ChannelMap[] {
  const [, height, width, channels] = m.features.shape;
  const values = m.features.dataSync();
  return shown.map((channel, k) => {
    const bytes = new Uint8Array(width * height);
    const toByte = 255 / scales[k]!;
    for (let p = 0; p < width * height; p++) bytes[p] = Math.min(255, Math.round(values[p * channels + channel]! * toByte));
    return { channel, mean: m.mean[channel]!, max: m.max[channel]!, scale: scales[k]!, width, height, values: bytes };
  });
}

function patchImages(image: RgbaImage, m: Measured, channel: number, field: ReceptiveField): PatchImage[] {
  const [, height, width, channels] = m.features.shape;
  return topPatches({ height, width, channels, values: m.features.dataSync() }, channel, field).map((p) => ({ ...p, image: cutPatch(image, p.x, p.y, p.size) }));
}

function gramValues(features: tf.Tensor4D): Float32Array {
  const g = gramMatrix(features);
  const values = Float32Array.from(g.dataSync());
  g.dispose();
  return values;
}

/**
 * Everything the inspector shows for one layer: feature maps of the photo, the styles and the current
 * picture; the top patches of a channel on the photo and the first style; the style's and the picture's
 * Gram matrices; and the layers' shares of the style cost. Computed with the run's network and
 * preprocessing (rgbaToTensor, then VggNetwork.features with the run's pooling).
 */
export function inspectLayer(network: VggNetwork, r: InspectionRequest): LayerInspection {
  if (r.styles.length === 0) throw new Error('the inspector needs at least one style image');
  const field = receptiveField(network.available, r.layer);
  const layers = withStyleLayerWeights(chooseLayers(network.available), r.styleLayerWeights);
  const owned: tf.Tensor[] = [];
  const run = (image: RgbaImage): Measured => {
    const features = tf.tidy(() => network.features(rgbaToTensor(image), [r.layer], r.pooling).get(r.layer)!);
    owned.push(features);
    return measure(features);
  };
  try {
    const photo = run(r.photo);
    const styles = r.styles.map(run);
    const current = r.current ? run(r.current) : null;
    const channels = photo.features.shape[3];
    if (r.channel !== null && (!Number.isInteger(r.channel) || r.channel < 0 || r.channel >= channels)) {
      throw new Error(`channel ${r.channel} is out of range: ${r.layer} has channels 0–${channels - 1}`);
    }
    const blend = r.styleBlend ?? r.styles.map(() => 1);
    const styleMean = styles[0]!.mean.map((_, c) => styles.reduce((s, m, i) => s + m.mean[c]! * blend[i]!, 0));
    const ranked = rankChannels(styleMean);
    const shown = r.channel === null ? ranked.slice(0, r.count) : [r.channel];
    const all = [photo, ...styles, ...(current ? [current] : [])];
    const scales = shown.map((c) => Math.max(1e-6, ...all.map((m) => m.max[c]!)));
    const patchChannel = r.channel ?? ranked[0]!;
    const blendSum = blend.reduce((a, b) => a + b, 0) || 1;
    const styleGram = tf.tidy(() => tf.addN(styles.map((m, i) => tf.mul(gramMatrix(m.features), blend[i]! / blendSum))));
    owned.push(styleGram);
    return {
      layer: r.layer,
      channels,
      field,
      shown,
      maps: { photo: channelMaps(photo, shown, scales), styles: styles.map((m) => channelMaps(m, shown, scales)), current: current ? channelMaps(current, shown, scales) : null },
      patchChannel,
      patches: { photo: patchImages(r.photo, photo, patchChannel, field), style: patchImages(r.styles[0]!, styles[0]!, patchChannel, field) },
      gram: gramView(styleGram.dataSync(), current ? gramValues(current.features) : null),
      shares: r.current ? currentShares(network, r, layers, blend) : null,
    };
  } finally {
    tf.dispose(owned);
  }
}

function currentShares(network: VggNetwork, r: InspectionRequest, layers: ReturnType<typeof chooseLayers>, blend: number[]): StyleShare[] {
  const styles = r.styles.map((s) => rgbaToTensor(s));
  const picture = rgbaToTensor(r.current!);
  try {
    const targets = blendedGrams(network, styles, blend, layers.style, r.pooling);
    try {
      return styleShares(network, picture, targets, layers, r.pooling);
    } finally {
      tf.dispose(targets);
    }
  } finally {
    tf.dispose([...styles, picture]);
  }
}
