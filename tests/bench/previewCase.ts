/**
 * Preview timing in its own process: `tsx tests/bench/previewCase.ts --size 512 --iterations 20`.
 * Runs the engine's real coarse-to-fine run (the default settings, a few iterations at every scale, so every
 * scale and every scale change is seen) on wasm with the real weights, and prints one JSON line
 * (PreviewResult): Start → first frame, every gap between frames, and what reading a frame back costs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { StyleTransferRun, VggNetwork, loadVggWeights } from '../../app/index.js';
import { tensorToRgba } from '../../app/image/imageTensor.js';
import { folderWeightsSource } from '../../main/node/model/folderWeightsSource.js';
import { useBackend } from '../../main/node/tfBackend.js';
import { CONTENT_IMAGE, MODEL_DIR, STYLE_IMAGE, median, readRgba } from './inputs.js';

export interface PreviewResult {
  size: number;
  iterations: number;
  /** The schedule's scales, longest side. */
  scales: number[];
  startToFirstFrameMs: number;
  /** The same in CPU time of the process: what a machine without other jobs would show (one thread). */
  startToFirstFrameCpuMs: number;
  /** Gaps between consecutive frames, ms (wall and CPU), with the scale the later frame came from. */
  gaps: { ms: number; cpuMs: number; side: number }[];
  longestGapMs: number;
  longestGapCpuMs: number;
  /** Median time of one iteration at the final scale, ms: no frame can come sooner than one iteration. */
  finalIterationMs: number;
  /** Median time to read one frame back at the final size (tensorToRgba), ms. */
  readbackMs: number;
  frames: number;
  runMs: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1]!;
}

async function readbackMs(width: number, height: number): Promise<number> {
  const times: number[] = [];
  const image = tf.randomUniform([1, height, width, 3]) as tf.Tensor4D;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    await tensorToRgba(image);
    times.push(performance.now() - t0);
  }
  image.dispose();
  return median(times.slice(2));
}

async function main(): Promise<void> {
  const size = Number(arg('size', '512'));
  const iterations = Number(arg('iterations', '20'));
  await useBackend('wasm');
  const network = VggNetwork.fromWeights(await loadVggWeights(folderWeightsSource(MODEL_DIR)));
  const inputs = { content: await readRgba(CONTENT_IMAGE), styles: [await readRgba(STYLE_IMAGE)] };
  const run = new StyleTransferRun(network, inputs, { size, iterations, minImprovement: 0 });
  const sides = run.schedule.map((s) => Math.max(s.width, s.height));
  const frames: { at: number; cpu: number; side: number }[] = [];
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const ticks: { at: number; scale: number }[] = [];
  const t0 = performance.now();
  const cpu0 = cpuNow();
  run.on('preview', (f) => frames.push({ at: performance.now() - t0, cpu: cpuNow() - cpu0, side: sides[f.scaleIndex]! }));
  run.on('progress', (p) => ticks.push({ at: performance.now() - t0, scale: p.scaleIndex }));
  await run.start();
  const runMs = performance.now() - t0;
  const last = run.schedule.length - 1;
  const finalTicks = ticks.filter((t) => t.scale === last);
  const finalIterationMs = median(finalTicks.slice(1).map((t, i) => t.at - finalTicks[i]!.at));
  const gaps = frames.slice(1).map((f, i) => ({ ms: f.at - frames[i]!.at, cpuMs: f.cpu - frames[i]!.cpu, side: f.side }));
  const final = run.schedule[last]!;
  const result: PreviewResult = {
    size,
    iterations,
    scales: sides,
    startToFirstFrameMs: frames[0]?.at ?? NaN,
    startToFirstFrameCpuMs: frames[0]?.cpu ?? NaN,
    gaps,
    longestGapMs: Math.max(...gaps.map((g) => g.ms)),
    longestGapCpuMs: Math.max(...gaps.map((g) => g.cpuMs)),
    finalIterationMs,
    readbackMs: await readbackMs(final.width, final.height),
    frames: frames.length,
    runMs,
  };
  network.dispose();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
