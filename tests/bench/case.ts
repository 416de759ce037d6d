/**
 * One benchmark case in its own process, so that peak memory belongs to this (backend, size) alone:
 *   tsx tests/bench/case.ts --backend wasm --size 256 --warmup 2 --iterations 5 [--profile]
 * Runs the engine's real StyleTransferRun with a single scale (startSize = size) on the real VGG19 weights
 * and prints one JSON line (CaseResult) on stdout. Per-iteration times are the gaps between the run's
 * progress events, i.e. the whole step as the app runs it (forward, gradient, Adam, clip, EMA, reading the costs).
 */
import * as tf from '@tensorflow/tfjs-core';
import { StyleTransferRun, VggNetwork, loadVggWeights } from '../../app/index.js';
import { folderWeightsSource } from '../../main/node/model/folderWeightsSource.js';
import { useBackend, type NodeBackend } from '../../main/node/tfBackend.js';
import { CONTENT_IMAGE, MODEL_DIR, STYLE_IMAGE, median, readRgba } from './inputs.js';

export interface KernelTotal {
  name: string;
  /** Milliseconds per iteration spent in this kernel (summed over its calls). */
  ms: number;
  calls: number;
}

export interface CaseResult {
  backend: NodeBackend;
  size: number;
  width: number;
  height: number;
  warmup: number;
  iterations: number;
  /** Every measured iteration, ms (wall clock). */
  times: number[];
  medianMs: number;
  /** CPU time (user + system) of this process per measured iteration, ms: robust against other jobs on the machine. */
  cpuTimes: number[];
  medianCpuMs: number;
  /** Peak resident set of the whole process, MiB. */
  maxRssMiB: number;
  /** Costs [total, content, style, smoothness] after the first and the last iteration (a sanity check against the PyTorch reference). */
  firstCosts: number[];
  lastCosts: number[];
  /** Size of the wasm linear memory at the end (it only grows, so this is its peak), MiB; null on cpu. */
  wasmHeapMiB: number | null;
  /** With --profile: kernel times per measured iteration (tf.profile; wasm kernels run synchronously, so they are exact). */
  profile?: { kernels: KernelTotal[]; kernelMsPerIteration: number; byShape: Array<KernelTotal & { shapes: string }>; peakTensorMiB: number };
}

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i === -1 ? fallback : process.argv[i + 1];
  if (v === undefined) throw new Error(`missing --${name}`);
  return v;
}

interface ProfiledKernel {
  name: string;
  kernelTimeMs: number | Promise<number> | { error: string };
  inputShapes: number[][];
}

async function main(): Promise<void> {
  const backend = arg('backend', 'wasm') as NodeBackend;
  const size = Number(arg('size', '256'));
  const warmup = Number(arg('warmup', '2'));
  const iterations = Number(arg('iterations', '5'));
  const profiling = process.argv.includes('--profile');
  await useBackend(backend);
  const network = VggNetwork.fromWeights(await loadVggWeights(folderWeightsSource(MODEL_DIR)));
  const content = await readRgba(CONTENT_IMAGE);
  const style = await readRgba(STYLE_IMAGE);
  const run = new StyleTransferRun(
    network,
    { content, styles: [style] },
    { size, startSize: size, iterations: warmup + iterations, previewSeconds: 1e9, init: 'content', seed: 1 },
  );
  const scale = run.schedule[0]!;
  const elapsed: number[] = [];
  // Kernel-list positions at each iteration's end, to cut the profile to the measured iterations.
  const marks: number[] = [];
  const cpu: number[] = [];
  const costs: number[][] = [];
  run.on('progress', (p) => {
    costs.push([p.costs.total, p.costs.content, p.costs.style, p.costs.smoothness]);
    elapsed.push(p.elapsedSeconds * 1000);
    const u = process.cpuUsage();
    cpu.push((u.user + u.system) / 1000);
    const active = (tf.engine().state as unknown as { activeProfile?: { kernels: unknown[] } }).activeProfile;
    marks.push(active?.kernels.length ?? 0);
  });
  let kernels: ProfiledKernel[] = [];
  let peakTensorBytes = 0;
  if (profiling) {
    const info = await tf.profile(async () => {
      await run.start();
    });
    kernels = info.kernels as unknown as ProfiledKernel[];
    peakTensorBytes = info.peakBytes;
  } else {
    await run.start();
  }
  // Gap between consecutive progress events; the first iteration has no predecessor, so warm-up is at least 1.
  const times = elapsed.map((t, i) => t - (elapsed[i - 1] ?? NaN)).slice(Math.max(1, warmup));
  const cpuTimes = cpu.map((t, i) => t - (cpu[i - 1] ?? NaN)).slice(Math.max(1, warmup));
  const wasm = backend === 'wasm' ? (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm : null;
  const result: CaseResult = {
    backend,
    size,
    width: scale.width,
    height: scale.height,
    warmup,
    iterations,
    times,
    medianMs: median(times),
    cpuTimes,
    medianCpuMs: median(cpuTimes),
    firstCosts: costs[0] ?? [],
    lastCosts: costs[costs.length - 1] ?? [],
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    wasmHeapMiB: wasm ? wasm.HEAPU8.byteLength / 2 ** 20 : null,
  };
  if (profiling) {
    // tf.profile also lists the custom-gradient wrappers ("forward", "unnamed scope") around the kernels
    // they run, which would count those kernels twice: keep registered kernels only.
    const backendName = tf.getBackend();
    const measured = kernels.slice(marks[warmup - 1] ?? 0, marks[marks.length - 1]).filter((k) => tf.getKernel(k.name, backendName) !== undefined);
    const n = marks.length - warmup;
    const byName = new Map<string, KernelTotal>();
    const byShape = new Map<string, KernelTotal & { shapes: string }>();
    for (const k of measured) {
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      const a = byName.get(k.name) ?? { name: k.name, ms: 0, calls: 0 };
      a.ms += ms / n;
      a.calls += 1 / n;
      byName.set(k.name, a);
      const shapes = k.inputShapes.map((s) => (s ? `[${s.join(',')}]` : '-')).join(' ');
      const key = `${k.name} ${shapes}`;
      const b = byShape.get(key) ?? { name: k.name, shapes, ms: 0, calls: 0 };
      b.ms += ms / n;
      b.calls += 1 / n;
      byShape.set(key, b);
    }
    const kernelsSorted = [...byName.values()].sort((a, b) => b.ms - a.ms);
    result.profile = {
      kernels: kernelsSorted,
      kernelMsPerIteration: kernelsSorted.reduce((s, k) => s + k.ms, 0),
      byShape: [...byShape.values()].sort((a, b) => b.ms - a.ms).slice(0, 40),
      peakTensorMiB: peakTensorBytes / 2 ** 20,
    };
  }
  network.dispose();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
