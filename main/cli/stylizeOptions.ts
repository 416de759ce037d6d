import type { TuningOptions } from './tuningOptions.js';

/** The parsed and checked flags of `pastiche stylize`. */
export interface StylizeOptions extends TuningOptions {
  content: string;
  out: string;
  initImage?: string;
  keepMask?: string;
  styleMask?: string[];
  /** Worker threads sharing each step (default: the number of cores). */
  threads?: number;
}
