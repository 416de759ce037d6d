import type { RgbaImage } from '../../app/index.js';
import type { EngineInputs } from '../engine/protocol.js';
import { rasterize } from '../image/rasterize.js';
import type { LoadedImage } from './images.svelte.js';
import type { RunSource } from './runState.svelte.js';

/** A style image at the run's size, never enlarged beyond its own pixels (the engine scales per level). */
export function styleAt(style: LoadedImage, size: number): RgbaImage {
  return rasterize(style.bitmap, Math.min(size, Math.max(style.width, style.height)));
}

/** The pixels a run needs at its working size, and what they were made from. */
export function runInputs(content: LoadedImage, styles: readonly LoadedImage[], size: number): { inputs: EngineInputs; source: RunSource } {
  return {
    inputs: { content: rasterize(content.bitmap, size), styles: styles.map((s) => styleAt(s, size)) },
    source: {
      contentId: content.id,
      contentName: content.name,
      styleIds: styles.map((s) => s.id),
      styleNames: styles.map((s) => s.name),
      size,
    },
  };
}

/** True when the images on screen are still the ones a result was made from. */
export function sameSource(source: RunSource, content: LoadedImage | null, styles: readonly LoadedImage[]): boolean {
  return content?.id === source.contentId && styles.length === source.styleIds.length && styles.every((s, i) => s.id === source.styleIds[i]);
}
