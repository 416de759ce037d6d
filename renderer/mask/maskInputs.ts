import type { MaskImage } from '../../app/index.js';
import { copyMask, isEmptyMask } from './maskBrush.js';

export interface MaskRunInputs {
  keepMask?: MaskImage;
  styleMasks?: MaskImage[];
}

/**
 * The masks a run gets, as copies the worker can own. Only painted masks are sent. When style regions are
 * painted for some styles only, each unpainted style gets the rest of the picture (what no painted region
 * covers), which is what "paint where style 2 goes" means to a painter; with one style, regions mean nothing.
 */
export function maskInputs(keep: MaskImage | null, regions: ReadonlyMap<number, MaskImage>, styleIds: readonly number[]): MaskRunInputs {
  const out: MaskRunInputs = {};
  if (keep && !isEmptyMask(keep)) out.keepMask = copyMask(keep);
  const painted = styleIds.map((id) => regions.get(id)).map((m) => (m && !isEmptyMask(m) ? m : null));
  const template = painted.find((m): m is MaskImage => m !== null);
  if (styleIds.length < 2 || !template) return out;
  const rest = new Uint8ClampedArray(template.width * template.height).fill(255);
  for (const m of painted) {
    if (!m) continue;
    if (m.width !== template.width || m.height !== template.height) throw new Error('The style region masks were painted at different sizes; clear them and paint again.');
    for (let i = 0; i < rest.length; i++) rest[i] = Math.min(rest[i]!, 255 - m.data[i]!);
  }
  out.styleMasks = painted.map((m) => (m ? copyMask(m) : { width: template.width, height: template.height, data: new Uint8ClampedArray(rest) }));
  return out;
}
