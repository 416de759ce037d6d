import type { TuningOptions } from './tuningOptions.js';

export type BatchFormat = 'png' | 'jpg' | 'jpeg' | 'webp';

/** The parsed flags of `pastiche batch`. */
export interface BatchOptions extends TuningOptions {
  input: string;
  out: string;
  format: BatchFormat;
  /** How many photos paint at once, each in its own worker thread (default: the number of cores). */
  jobs?: number;
}
