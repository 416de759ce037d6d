import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { colourLut, GREY_LUT, largest, paintMap, signedSqrt, toBytes } from '../../../app/inspect/colourMap.js';
import { cutPatch } from '../../../app/inspect/cutPatch.js';
import { gramView } from '../../../app/inspect/gramView.js';
import type { ReceptiveField } from '../../../app/inspect/receptiveField.js';
import { topPatches, type Activation } from '../../../app/inspect/topPatches.js';
import type { RgbaImage } from '../../../app/image/rgbaImage.js';
import { inspectionSheet } from './inspectionSheet.js';

// The three pictures of `pastiche inspect`: feature maps, top patches and the Gram matrix, as labelled PNG sheets.

const VIRIDIS = colourLut(interpolateViridis);
/** Blue for negative, red for positive: d3's RdBu runs red → blue, so it is read backwards. */
export const DIVERGING = colourLut((t) => interpolateRdBu(1 - t));

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toPrecision(2));

/** One channel of an activation as bytes, 255 = `top`. */
export function channelBytes(a: Activation, channel: number, top: number): Uint8Array {
  const values = new Float32Array(a.height * a.width);
  for (let p = 0; p < values.length; p++) values[p] = a.values[p * a.channels + channel]!;
  return toBytes(values, top);
}

export interface MapsSheet {
  title: string;
  activation: Activation;
  channels: readonly number[];
  mean: ArrayLike<number>;
  max: ArrayLike<number>;
  grey: boolean;
}

/** The chosen channels' maps, each from 0 to its own maximum, labelled with its number, mean and maximum. */
export function mapsSheet(s: MapsSheet): Promise<Uint8Array> {
  const lut = s.grey ? GREY_LUT : VIRIDIS;
  const tiles = s.channels.map((c) => ({
    image: paintMap(channelBytes(s.activation, c, Math.max(1e-6, s.max[c]!)), s.activation.width, s.activation.height, lut),
    label: `ch ${c} · mean ${fmt(s.mean[c]!)} · max ${fmt(s.max[c]!)}`,
  }));
  const columns = Math.min(tiles.length, Math.ceil(Math.sqrt(tiles.length)));
  return inspectionSheet(tiles, { title: `${s.title} · each map from 0 to its maximum`, columns, tile: 200 });
}

/** The 9 patches of `image` that activate `channel` most, in a 3×3 grid, each labelled with its rank and activation. */
export function patchesSheet(title: string, image: RgbaImage, activation: Activation, channel: number, field: ReceptiveField): Promise<Uint8Array> {
  const patches = topPatches(activation, channel, field);
  const tiles = patches.map((p, i) => ({ image: cutPatch(image, p.x, p.y, p.size), label: `#${i + 1} · ${fmt(p.activation)} at ${p.x},${p.y}` }));
  const none = tiles.length === 0 ? ' · the channel does not respond anywhere on this image' : '';
  return inspectionSheet(tiles, { title: `${title}${none}`, columns: 3, tile: 144 });
}

/** The Gram matrix (C × C, row-major) as a heatmap on a square-root scale, channels ordered by energy. */
export function gramSheet(title: string, gram: ArrayLike<number>): Promise<Uint8Array> {
  const view = gramView(gram, null);
  const scaled = signedSqrt(view.style);
  const top = largest(scaled, 1e-12);
  const image = paintMap(toBytes(scaled, top), view.channels, view.channels, VIRIDIS);
  const label = `${view.channels} × ${view.channels} · 0–${fmt(top * top)} on a square-root scale · strongest channels first (${view.order.slice(0, 4).join(', ')}, …)`;
  return inspectionSheet([{ image, label }], { title, columns: 1, tile: 512 });
}
