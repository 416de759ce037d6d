import { DEFAULT_SETTINGS, StyleTransferRun, type RgbaImage, type VggNetwork } from '../../app/index.js';

/** The trial's step: the real one, at a size where the GPU backends' per-call overheads still show. */
const TRIAL_SIZE = 256;
/** The first steps compile shaders and fill caches; they are not timed. */
const WARMUP = 2;
const MEASURED = 3;

/** A smooth test picture (two sines per channel): the step's cost does not depend on what it shows. */
function pattern(width: number, height: number, phase: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) data[i + c] = 128 + 100 * Math.sin((x * (c + 1)) / (9 + phase) + (y * (3 - c)) / (7 + phase));
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median milliseconds per step of a short run on the active backend. */
export async function timeStep(network: VggNetwork, size = TRIAL_SIZE): Promise<number> {
  const height = Math.round((size * 2) / 3);
  const inputs = { content: pattern(size, height, 0), styles: [pattern(size, height, 5)] };
  const settings = { ...DEFAULT_SETTINGS, size, startSize: size, iterations: WARMUP + MEASURED, optimizer: 'adam' as const, previewEvery: 1_000_000, seed: 1 };
  const run = new StyleTransferRun(network, inputs, settings);
  const elapsed: number[] = [];
  run.on('progress', (p) => elapsed.push(p.elapsedSeconds * 1000));
  await run.start();
  const steps = elapsed.slice(1).map((t, i) => t - elapsed[i]!);
  return median(steps.slice(WARMUP - 1));
}
