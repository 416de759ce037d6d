import type { Scores } from './score.js';

/** One result: a variant (label) on one pair at one size, scored, with how long it took. */
export interface QualityRow extends Scores {
  label: string;
  /** The CLI flags of the variant, after the defaults. */
  args: string[];
  photo: string;
  painting: string;
  size: number;
  wallSeconds: number;
  cpuSeconds: number;
  iterations: number;
  /** 1-minute load average at the start and end of the run. */
  loadStart: number;
  loadEnd: number;
  /** Picture in docs/, relative to docs/quality.md (512 px results only). */
  picture?: string;
  at: string;
}

export const pairName = (r: Pick<QualityRow, 'photo' | 'painting'>) => `${r.photo} × ${r.painting}`;
export const rowKey = (r: QualityRow) => `${r.label}|${r.photo}|${r.painting}|${r.size}`;
