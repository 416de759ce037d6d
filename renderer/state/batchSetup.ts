import type { ExportFormat } from '../../app/host/contract.js';
import type { RgbaImage, StyleSettings } from '../../app/index.js';
import type { RunRecord } from '../../app/run/runRecord.js';

/** What every photo of a batch is painted with: taken when the batch starts, so later edits do not mix in. */
export interface BatchSetup {
  settings: StyleSettings;
  /** The style images at the working size, in order, and their file names. */
  styles: RgbaImage[];
  styleNames: string[];
  format: ExportFormat;
  /** 0–1, for JPEG and WebP. */
  quality: number;
}

/** Values as JSON with object keys sorted: key order and absent-versus-undefined do not matter. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** A key for "this photo painted with this setup": a photo done under the same key is not painted again. */
export function setupKey(setup: Pick<BatchSetup, 'settings' | 'styleNames' | 'format' | 'quality'>): string {
  return JSON.stringify(canonical({ settings: setup.settings, styles: setup.styleNames, format: setup.format, quality: setup.quality }));
}

/**
 * Whether a result's record says it is the finished picture of this photo with these settings and styles
 * (what the CLI checks before skipping a photo, main/cli/batchOutputState.ts).
 */
export function recordMatches(record: RunRecord, settings: StyleSettings, inputs: { content: string; styles: readonly string[] }): boolean {
  if (record.stopped) return false;
  return sameJson(record.settings, settings) && sameJson({ content: record.inputs.content, styles: record.inputs.styles }, inputs);
}
