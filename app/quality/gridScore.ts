import type { RgbaImage } from '../image/rgbaImage.js';
import { luminance } from './luminance.js';

/** The pooling layers' strides: a mosaic from max pooling repeats with these periods. */
export const GRID_PERIODS = [2, 4, 8] as const;
/** Neighbouring frequencies compared with a period's own: 2 … 8 DFT bins away on each side. */
const NEAR_BINS = [2, 3, 4, 5, 6, 7, 8];

/** Hann-windowed power of one line of samples at `frequency` cycles per sample (mean removed). */
function powerAt(line: Float64Array, frequency: number): number {
  const n = line.length;
  let mean = 0;
  for (const v of line) mean += v;
  mean /= n;
  let re = 0;
  let im = 0;
  for (let k = 0; k < n; k++) {
    const win = 0.5 - 0.5 * Math.cos((2 * Math.PI * k) / (n - 1));
    const v = (line[k]! - mean) * win;
    const a = 2 * Math.PI * frequency * k;
    re += v * Math.cos(a);
    im -= v * Math.sin(a);
  }
  return re * re + im * im;
}

/** The lines of the picture along one axis: rows ('x') or columns ('y'). */
function lines(y: Float64Array, w: number, h: number, axis: 'x' | 'y'): Float64Array[] {
  if (axis === 'x') return Array.from({ length: h }, (_, j) => y.subarray(j * w, (j + 1) * w));
  return Array.from({ length: w }, (_, i) => Float64Array.from({ length: h }, (_, j) => y[j * w + i]!));
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Peak over the median of its neighbours, for one period along one axis (power averaged over all lines). */
function peakRatio(ls: Float64Array[], period: number): number {
  const n = ls[0]!.length;
  const mean = (f: number) => ls.reduce((a, l) => a + powerAt(l, f), 0) / ls.length;
  const f0 = 1 / period;
  // Above Nyquist (0.5) the spectrum mirrors the side below, so period 2 is compared with lower frequencies only.
  const near = NEAR_BINS.flatMap((b) => [f0 - b / n, f0 + b / n]).filter((f) => f > 0 && f <= 0.5);
  return mean(f0) / (median(near.map(mean)) || 1e-12);
}

export interface GridScores {
  /** The largest ratio over the periods: about 1 without a mosaic, well above 1 with one. */
  score: number;
  /** Per period (GRID_PERIODS order): the mean of the horizontal and the vertical ratio. */
  byPeriod: number[];
}

/**
 * The pooling mosaic: the luminance spectrum's power at periods of 2, 4 and 8 px (along rows and along
 * columns), each over the median power of nearby frequencies (2–8 DFT bins away).
 */
export function gridScore(img: RgbaImage): GridScores {
  const y = luminance(img);
  const rows = lines(y, img.width, img.height, 'x');
  const cols = lines(y, img.width, img.height, 'y');
  const byPeriod = GRID_PERIODS.map((p) => (peakRatio(rows, p) + peakRatio(cols, p)) / 2);
  return { score: Math.max(...byPeriod), byPeriod };
}
