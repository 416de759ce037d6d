import { largest, paintMap, signedSqrt, toBytes, type ChannelMap, type ColourLut, type LayerInspection, type RgbaImage } from '../../app/index.js';
import { DIVERGING_LUT, VIRIDIS_LUT } from './colourMaps.js';

/** A channel map as a picture through a colour table (its bytes already span 0 … the channel's shared scale). */
export function mapPicture(map: ChannelMap, lut: ColourLut): RgbaImage {
  return paintMap(map.values, map.width, map.height, lut);
}

/**
 * The Gram heatmaps on a square-root scale (see signedSqrt): the style's and the picture's on one scale
 * (0 … the larger maximum) so equal colours mean equal values, and their difference on a diverging scale
 * symmetric around 0.
 */
export function gramPictures(gram: LayerInspection['gram']): { style: RgbaImage; current: RgbaImage | null; difference: RgbaImage | null; top: number; spread: number } {
  const c = gram.channels;
  const style = signedSqrt(gram.style);
  const current = gram.current ? signedSqrt(gram.current) : null;
  const difference = gram.difference ? signedSqrt(gram.difference) : null;
  const top = Math.max(largest(style, 1e-12), largest(current ?? [], 1e-12));
  const spread = difference ? largest(difference, 1e-12, true) : 0;
  return {
    style: paintMap(toBytes(style, top), c, c, VIRIDIS_LUT),
    current: current ? paintMap(toBytes(current, top), c, c, VIRIDIS_LUT) : null,
    difference: difference ? paintMap(toBytes(difference, spread, true), c, c, DIVERGING_LUT) : null,
    top: top * top,
    spread: spread * spread,
  };
}

/** A number short enough for a small label. */
export function shortNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1000) return `${(v / 1000).toFixed(a >= 10_000 ? 0 : 1)}k`;
  if (a >= 100) return v.toFixed(0);
  if (a >= 1) return v.toFixed(1);
  return v.toPrecision(2);
}
