import type { MaskImage } from '../../app/index.js';
import type { LoadedImage } from './loadedImage.js';
import type { StudioSettings } from './studioSettings.js';

/** The masks as they were at one moment, for Undo: never changed after they are taken (layers shared while unchanged). */
export interface MaskSnapshot {
  contentId: number | null;
  keep: MaskImage | null;
  regions: ReadonlyMap<number, MaskImage>;
}

/** The settings that shape a run; the backend and the export choices are preferences, not part of the picture. */
export type InputSettings = Omit<StudioSettings, 'backend' | 'threads' | 'gpuTrials' | 'exportFormat' | 'exportQuality' | 'exportUpscale'>;

/**
 * The studio's document: the run's inputs (photo, styles, their blend, the painted masks, the settings).
 * Undo and redo move between snapshots of it; the run, the stage view and the batch are not part of it.
 */
export interface StudioDocument {
  content: LoadedImage | null;
  styles: readonly LoadedImage[];
  weights: ReadonlyMap<number, number>;
  masks: MaskSnapshot;
  settings: InputSettings;
}

export function inputSettings(s: StudioSettings): InputSettings {
  // The engine's backend, threads and measured GPU trials and the export choices are app state, not the run's inputs.
  const { backend: _b, threads: _t, gpuTrials: _g, exportFormat: _f, exportQuality: _q, exportUpscale: _u, ...inputs } = s;
  return inputs;
}

const sameMasks = (a: MaskSnapshot, b: MaskSnapshot) =>
  a === b || (a.contentId === b.contentId && a.keep === b.keep && a.regions.size === b.regions.size && [...a.regions].every(([id, m]) => b.regions.get(id) === m));

const sameWeights = (a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>) => a === b || (a.size === b.size && [...a].every(([id, w]) => b.get(id) === w));

/** Settings are numbers and words, and lists of numbers (per-layer style weights), compared by value. */
const sameSetting = (a: unknown, b: unknown) =>
  a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]));

/**
 * What changed from one document to the next, as an undo step's kind (consecutive changes of one kind merge:
 * a slider dragged is one step); null when nothing did. `maskEdit` tells strokes apart.
 */
export function changeKind(before: StudioDocument, after: StudioDocument, maskEdit: number): string | null {
  const parts: string[] = [];
  if (before.content !== after.content) parts.push('photo');
  if (before.styles.length !== after.styles.length || before.styles.some((s, i) => s !== after.styles[i])) parts.push('styles');
  if (!sameWeights(before.weights, after.weights)) {
    const ids = new Set([...before.weights.keys(), ...after.weights.keys()]);
    parts.push(`blend:${[...ids].filter((id) => before.weights.get(id) !== after.weights.get(id)).join(',')}`);
  }
  if (!sameMasks(before.masks, after.masks)) parts.push(`mask:${maskEdit}`);
  const keys = (Object.keys(after.settings) as (keyof InputSettings)[]).filter((k) => !sameSetting(before.settings[k], after.settings[k]));
  if (keys.length) parts.push(`settings:${keys.sort().join(',')}`);
  return parts.length ? parts.join(' ') : null;
}

/** Mask bytes these documents hold, each shared layer counted once (what the undo history costs in memory). */
export function documentBytes(docs: readonly StudioDocument[]): number {
  const layers = new Set<ArrayBufferView>();
  for (const d of docs) {
    if (d.masks.keep) layers.add(d.masks.keep.data);
    d.masks.regions.forEach((m) => layers.add(m.data));
  }
  return [...layers].reduce((sum, data) => sum + data.byteLength, 0);
}

/** The images these documents show (those any undo step can bring back). */
export function imagesOf(docs: readonly Pick<StudioDocument, 'content' | 'styles'>[]): Set<LoadedImage> {
  const images = new Set<LoadedImage>();
  for (const d of docs) {
    if (d.content) images.add(d.content);
    d.styles.forEach((s) => images.add(s));
  }
  return images;
}
