import type { MaskImage } from '../../app/index.js';
import { clearMask, copyMask, emptyMask, invertMask, isEmptyMask } from '../mask/maskBrush.js';
import { maskInputs, type MaskRunInputs } from '../mask/maskInputs.js';
import type { LoadedImage } from './images.svelte.js';
import type { MaskSnapshot } from './studioDocument.js';

/** Which mask a stroke paints: the keep mask, or the region of the style with this id. */
export type MaskLayer = 'keep' | number;

export type { MaskSnapshot } from './studioDocument.js';

const sameBytes = (a: MaskImage, b: MaskImage | null | undefined) =>
  !!b && a.width === b.width && a.height === b.height && a.data.every((v, i) => v === b.data[i]);
/** The earlier copy when the bytes did not change (so unchanged layers are shared between snapshots), else a new copy. */
const keptCopy = (live: MaskImage, earlier: MaskImage | null | undefined) => (sameBytes(live, earlier) ? earlier! : copyMask(live));

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
  /** A stroke is being painted (Undo records it as one step when it ends). */
  painting = $state(false);
  /** Strokes and whole-mask edits so far: each is its own undo step. */
  edits = 0;
  private snap: MaskSnapshot | null = null;
  private last: MaskSnapshot | null = null;

  /** The mask a layer paints into, created empty at the photo's aspect ratio on first use. */
  layer(content: LoadedImage, layer: MaskLayer): MaskImage {
    void this.version; // Undo puts other layer objects in place: followers of a layer follow the version too.
    if (this.contentId !== content.id) this.forget(content.id);
    if (layer === 'keep') return (this.keep ??= emptyMask(content.width, content.height));
    let region = this.regions.get(layer);
    if (!region) this.regions.set(layer, (region = emptyMask(content.width, content.height)));
    return region;
  }

  /** Tells followers that mask bytes changed. */
  changed(): void {
    this.snap = null;
    this.version += 1;
  }

  beginStroke(): void {
    this.edits += 1;
    this.painting = true;
  }

  endStroke(): void {
    this.painting = false;
  }

  clearLayer(content: LoadedImage, layer: MaskLayer): void {
    this.edits += 1;
    clearMask(this.layer(content, layer));
    this.changed();
  }

  invertLayer(content: LoadedImage, layer: MaskLayer): void {
    this.edits += 1;
    invertMask(this.layer(content, layer));
    this.changed();
  }

  clearAll(): void {
    this.edits += 1;
    this.forget(this.contentId);
    this.changed();
  }

  /** The masks now, sharing the layers of the last snapshot that did not change since. */
  snapshot(): MaskSnapshot {
    void this.version;
    if (this.snap) return this.snap;
    const earlier = this.last;
    const regions = new Map([...this.regions].map(([id, m]) => [id, keptCopy(m, earlier?.regions.get(id))] as const));
    this.snap = { contentId: this.contentId, keep: this.keep && keptCopy(this.keep, earlier?.keep), regions };
    this.last = this.snap;
    return this.snap;
  }

  /** Puts the masks of a snapshot back (as copies: the snapshot itself stays as it was). */
  restore(snapshot: MaskSnapshot): void {
    this.contentId = snapshot.contentId;
    this.keep = snapshot.keep && copyMask(snapshot.keep);
    this.regions.clear();
    snapshot.regions.forEach((m, id) => this.regions.set(id, copyMask(m)));
    this.version += 1;
    this.snap = this.last = snapshot;
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
    this.snap = null;
    this.contentId = contentId;
    this.keep = null;
    this.regions.clear();
  }
}
