import type { LoadedImage } from './images.svelte.js';
import { DEFAULT_BLEND_WEIGHT, blendShare, blendWeights } from './styleBlend.js';

/** The blend weight the user gave each style image (by image id; a replaced or new style starts at 1). */
export class StyleBlend {
  private weights = $state.raw<Map<number, number>>(new Map());

  weight(id: number): number {
    return this.weights.get(id) ?? DEFAULT_BLEND_WEIGHT;
  }

  set(id: number, weight: number): void {
    this.weights = new Map(this.weights).set(id, Math.min(1, Math.max(0, weight)));
  }

  share(styles: readonly LoadedImage[], id: number): number {
    return blendShare(styles.map((s) => s.id), this.weights, id);
  }

  /** The weights now (replaced, never changed, on each edit: Undo keeps it as it is). */
  snapshot(): ReadonlyMap<number, number> {
    return this.weights;
  }

  restore(weights: ReadonlyMap<number, number>): void {
    this.weights = new Map(weights);
  }

  /** The engine's styleBlend for these styles (undefined: an equal blend). */
  forRun(styles: readonly LoadedImage[]): number[] | undefined {
    return blendWeights(styles.map((s) => s.id), this.weights);
  }
}
