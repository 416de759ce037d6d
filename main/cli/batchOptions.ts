import type { TuningOptions } from './tuningOptions.js';

export type BatchFormat = 'png' | 'jpg' | 'jpeg' | 'webp';

/** The parsed flags of `pastiche batch`. */
export interface BatchOptions extends TuningOptions {
  input: string;
  out: string;
  format: BatchFormat;
}
