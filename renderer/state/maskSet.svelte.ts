import type { MaskImage } from '../../app/index.js';
import { clearMask, emptyMask, invertMask, isEmptyMask } from '../mask/maskBrush.js';
import { maskInputs, type MaskRunInputs } from '../mask/maskInputs.js';
import type { LoadedImage } from './images.svelte.js';

/** Which mask a stroke paints: the keep mask, or the region of the style with this id. */
export type MaskLayer = 'keep' | number;

/**
 * The masks painted over the content photo. Mask bytes are edited in place (strokes are many and small), so
 * `version` is what the UI and run inputs follow. Masks belong to one photo: another photo starts with none.
 */
export class MaskSet {
  editorOpen = $state(false);
  version = $state(0);
  private contentId: number | null = null;
  private keep: MaskImage | null = null;
  private readonly regions = new Map<number, MaskImage>();

  /** The mask a layer paints into, created empty at the photo's aspect ratio on first use. */
  layer(content: LoadedImage, layer: MaskLayer): MaskImage {
    if (this.contentId !== content.id) this.forget(content.id);
    if (layer === 'keep') return (this.keep ??= emptyMask(content.width, content.height));
    let region = this.regions.get(layer);
    if (!region) this.regions.set(layer, (region = emptyMask(content.width, content.height)));
    return region;
  }

  /** Tells followers that mask bytes changed. */
  changed(): void {
    this.version += 1;
  }

  clearLayer(content: LoadedImage, layer: MaskLayer): void {
    clearMask(this.layer(content, layer));
    this.changed();
  }

  invertLayer(content: LoadedImage, layer: MaskLayer): void {
    invertMask(this.layer(content, layer));
    this.changed();
  }

  clearAll(): void {
    this.forget(this.contentId);
    this.changed();
  }

  /** What is painted for this photo, in words for the content card ("Keep mask · 1 style region"); null when nothing. */
  summary(content: LoadedImage | null, styleIds: readonly number[]): string | null {
    void this.version;
    if (!content || content.id !== this.contentId) return null;
    const parts: string[] = [];
    if (this.keep && !isEmptyMask(this.keep)) parts.push('Keep mask');
    const regions = styleIds.length > 1 ? styleIds.filter((id) => { const m = this.regions.get(id); return m && !isEmptyMask(m); }).length : 0;
    if (regions) parts.push(`${regions} style region${regions > 1 ? 's' : ''}`);
    return parts.length ? parts.join(' · ') : null;
  }

  /** The masks for a run of this photo and these styles (copies the worker can own). */
  inputs(content: LoadedImage, styleIds: readonly number[]): MaskRunInputs {
    if (content.id !== this.contentId) return {};
    return maskInputs(this.keep, this.regions, styleIds);
  }

  private forget(contentId: number | null): void {
    this.contentId = contentId;
    this.keep = null;
    this.regions.clear();
  }
}
