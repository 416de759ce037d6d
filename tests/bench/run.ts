/**
 * `npm run bench`: the engine's per-iteration time and peak memory with the real VGG19 weights, on the
 * wasm and cpu backends in Node, at 128, 256 and 512 px, next to a PyTorch CPU implementation of the same
 * computation (tests/bench/torch_reference.py, when /usr/bin/python3 has torch). Every case runs in its
 * own child process (tests/bench/case.ts), so its peak memory is its own. Prints the table and writes it,
 * with the machine it ran on, between the markers in docs/benchmarks.md.
 *
 * Options (after `npm run bench --`):
 *   --sizes 128,256,512   --backends wasm,cpu   --torch-sizes 256,128   --no-torch   --no-browser   --no-profile
 *   --no-write   --quick (fewer iterations)   --no-optimizers (skip Adam vs L-BFGS, tests/bench/optimizers.ts)
 *   --no-previews (skip Start → first frame and the gaps between frames, tests/bench/previews.ts)
 *   --gpu: only the browser case on this machine's real GPU (WebGL and WebGPU, headed Chromium: it needs a
 *   display), at --sizes; its rows, named by GPU, are added to the document's earlier rows (see
 *   docs/benchmarks.md, "Adding a GPU").
 *   --merge: keep the rows of the last run (stored in the document) that this run does not re-measure, e.g.
 *   `npm run bench -- --merge --backends wasm --sizes 256` re-measures the 256 px comparison when the machine is
 *   quiet without re-running the cpu backend's half hour.
 *   Print sizes (one measured iteration each; 4096 px paints in tiles):
 *   `npm run bench -- --merge --backends wasm --sizes 1024,2048,4096 --no-torch --no-browser --no-profile --no-optimizers`
 *   --batch: only `pastiche batch --jobs <cores>` against one `pastiche stylize` after another (tests/bench/batch.ts,
 *   with its options --size, --iterations, --jobs, --photos; needs `npm run build`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumAvailable } from '../e2e/browser.js';
import type { BrowserBackend, BrowserResult } from './browser/worker.js';
import type { CaseResult, KernelTotal } from './case.js';
import { child } from './child.js';
import { MODEL_DIR, ROOT } from './inputs.js';
import { benchOptimizers } from './optimizers.js';
import { benchPreviews } from './previews.js';
import { batchBenchOptions, benchBatch } from './batch.js';

type Backend = 'wasm' | 'cpu';

interface Plan {
  warmup: number;
  iterations: number;
}

interface TorchResult extends Stamp {
  size: number;
  width: number;
  height: number;
  threads: number;
  depth: 'needed' | 'full';
  lastLayer: string;
  warmup: number;
  iterations: number;
  times: number[];
  medianMs: number;
  maxRssMiB: number;
  torch: string;
  medianCpuMs: number;
  firstCosts: number[];
}

/** When a row was measured and the 1-minute load average right after it (other jobs share the cores). */
interface Stamp {
  at?: string;
  load?: number;
}

/** A Chromium row; `realGpu` ones come from `--gpu` (headed, the machine's GPU); `error` when it failed there. */
type BrowserRow = Stamp &
  BrowserResult & { size: number; warmup: number; iterations: number; overrideConcurrency?: boolean; realGpu?: boolean; error?: string; medianMs: number };

type EngineRow = CaseResult & Stamp;

/** Every row of the last run, kept in the document so that `--merge` can re-measure only some cases. */
interface BenchData {
  results: EngineRow[];
  torch: TorchResult[];
  browser: BrowserRow[];
  profiled: EngineRow | null;
}

const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const DATA_PREFIX = '<!-- bench:data ';
const BEGIN = '<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench:end -->';
const PYTHON = '/usr/bin/python3';
/** The target: per-iteration time within this factor of PyTorch CPU (2 threads, same computation) at 256 px. */
const TARGET_RATIO = 1.5;
const TARGET_SIZE = 256;
/** Issue 12's target for the studio's wasm step with 2 threads, against PyTorch CPU with 2 threads. */
const STUDIO_THREADS_TARGET = 0.6;
/** The target: peak memory under this at 512 px. */
const MEMORY_LIMIT_MIB = 2048;

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : argv[i + 1]!;
};
const quick = flag('quick');
const gpuMode = flag('gpu');
const sizes = option('sizes', '128,256,512').split(',').map(Number);
const backends = option('backends', 'wasm,cpu').split(',') as Backend[];
/** PyTorch at 512 px takes minutes on a busy machine; the target is at 256 px. */
const torchSizes = option('torch-sizes', '256,128')
  .split(',')
  .map(Number)
  .filter((s) => sizes.includes(s));

/** Measured iterations per case: the cpu backend takes tens of seconds per iteration at 512 px. */
function plan(backend: Backend, size: number): Plan {
  // Print sizes (1024 px and up, 4096 px tiled): one measured iteration shows the speed and the peak memory.
  if (size >= 1024) return { warmup: 1, iterations: 1 };
  if (quick) return { warmup: 1, iterations: backend === 'cpu' || size >= 512 ? 2 : 3 };
  if (backend === 'wasm') return { warmup: 2, iterations: size <= 128 ? 15 : size <= 256 ? 9 : 5 };
  return { warmup: 1, iterations: size <= 128 ? 5 : size <= 256 ? 3 : 2 };
}

function torchPlan(size: number): Plan {
  if (quick) return { warmup: 1, iterations: 2 };
  return { warmup: 2, iterations: size <= 128 ? 15 : size <= 256 ? 9 : 4 };
}

function stamp<T extends Stamp>(row: T): T {
  row.at = new Date().toISOString();
  row.load = os.loadavg()[0];
  return row;
}

const fmtLoad = (r: Stamp) => (r.load === undefined ? '—' : r.load.toFixed(1));

function previousData(): BenchData | null {
  if (!existsSync(DOC)) return null;
  const text = readFileSync(DOC, 'utf8');
  const i = text.indexOf(DATA_PREFIX);
  if (i === -1) return null;
  const j = text.indexOf(' -->', i);
  try {
    return JSON.parse(text.slice(i + DATA_PREFIX.length, j)) as BenchData;
  } catch {
    return null;
  }
}

/** Rows of `before` whose key no new row has, then the new rows. */
function mergeRows<T>(before: T[] | undefined, now: T[], key: (r: T) => string): T[] {
  const fresh = new Set(now.map(key));
  return [...(before ?? []).filter((r) => !fresh.has(key(r))), ...now];
}

function runCase(backend: Backend, size: number, p: Plan, profile = false): Promise<EngineRow> {
  const args = ['--import', 'tsx', path.join('tests', 'bench', 'case.ts'), '--backend', backend, '--size', String(size)];
  args.push('--warmup', String(p.warmup), '--iterations', String(p.iterations));
  if (profile) args.push('--profile');
  return child<EngineRow>(process.execPath, args).then(stamp);
}

function runBrowser(size: number, threads: number, backend: BrowserBackend = 'wasm', realGpu = false): Promise<BrowserRow> {
  const p = plan('wasm', size);
  const args = ['--import', 'tsx', path.join('tests', 'bench', 'browserCase.ts'), '--size', String(size), '--threads', String(threads), '--backend', backend];
  args.push('--warmup', String(p.warmup), '--iterations', String(p.iterations));
  if (realGpu) args.push('--gpu');
  return child<BrowserRow>(process.execPath, args).then(stamp);
}

/** `--gpu`: WebGL and WebGPU on the real GPU; a backend that fails there is recorded as a failed row. */
async function runGpuRows(): Promise<BrowserRow[]> {
  const rows: BrowserRow[] = [];
  for (const backend of ['webgl', 'webgpu'] as const) {
    for (const size of sizes) {
      const row = await runBrowser(size, 1, backend, true).catch((e: unknown): BrowserRow => {
        const error = (e instanceof Error ? e.message : String(e)).split('\n').find((l) => l.trim()) ?? 'failed';
        return stamp<BrowserRow>({ backend, size, realGpu: true, error, threads: 1, warmup: 0, iterations: 0, crossOriginIsolated: true, multithreadSupport: false, simdSupport: false, width: 0, height: 0, times: [], wasmHeapMiB: 0, hardwareConcurrency: os.cpus().length, medianMs: NaN });
      });
      rows.push(row);
      log(`  chromium ${backend} ${size} px on ${row.gpu ?? 'the GPU'}: ${row.error ? `failed: ${row.error}` : `median ${fmtMs(row.medianMs)} ms/iteration`}`);
    }
  }
  return rows;
}

function hasTorch(): string | null {
  if (!existsSync(PYTHON)) return null;
  try {
    return execFileSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function runTorch(size: number, threads: number, depth: 'needed' | 'full'): Promise<TorchResult> {
  const p = torchPlan(size);
  const args = [path.join('tests', 'bench', 'torch_reference.py'), '--size', String(size), '--threads', String(threads), '--depth', depth];
  args.push('--warmup', String(p.warmup), '--iterations', String(p.iterations), '--model', MODEL_DIR);
  return child<TorchResult>(PYTHON, args).then(stamp);
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

function machine(torch: string | null) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? '?';
  const family = /^cpu family\s*:\s*(\d+)$/m.exec(cpuinfo)?.[1];
  const modelNo = /^model\s*:\s*(\d+)$/m.exec(cpuinfo)?.[1];
  const flags = /^flags\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.split(' ') ?? [];
  const simd = ['avx2', 'avx512f', 'fma'].filter((f) => flags.includes(f)).join(', ');
  return {
    cpu: `${model}${family ? ` (family ${family}, model ${modelNo})` : ''}${simd ? `, ${simd}` : ''}`,
    cores: os.cpus().length,
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    tfjs: packageVersion('@tensorflow/tfjs-core'),
    wasm: packageVersion('@tensorflow/tfjs-backend-wasm'),
    torch,
    os: `${os.type()} ${os.release()}`,
  };
}

const fmtMs = (ms: number) => (Number.isFinite(ms) ? (ms >= 10_000 ? ms.toFixed(0) : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) : '—');
const fmtMiB = (m: number | null) => (m === null ? '—' : m.toFixed(0));
const spread = (times: number[]) => (times.length ? `${fmtMs(Math.min(...times))}–${fmtMs(Math.max(...times))}` : '—');

function engineTable(results: EngineRow[]): string {
  const rows = [
    '| backend | size (px) | image | warm-up + measured iterations | median ms / iteration | range (ms) | CPU ms / iteration | peak RSS (MiB) | wasm heap (MiB) | load |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    rows.push(
      `| ${r.backend} | ${r.size} | ${r.width}×${r.height} | ${r.warmup} + ${r.iterations} | **${fmtMs(r.medianMs)}** | ${spread(r.times)} | ${fmtMs(r.medianCpuMs)} | ${fmtMiB(r.maxRssMiB)} | ${fmtMiB(r.wasmHeapMiB)} | ${fmtLoad(r)} |`,
    );
  }
  return rows.join('\n');
}

function torchTable(results: TorchResult[], wasm: EngineRow[]): string {
  const rows = [
    '| size (px) | image | PyTorch threads | forward to | median ms / iteration | CPU ms / iteration (all threads) | peak RSS (MiB) | engine wasm ÷ PyTorch | load |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const t of results) {
    const ours = wasm.find((r) => r.size === t.size);
    const ratio = ours ? (ours.medianMs / t.medianMs).toFixed(2) : '—';
    const depth = t.depth === 'needed' ? 'conv3_2 (as the engine)' : 'conv3_4 (full prefix)';
    rows.push(`| ${t.size} | ${t.width}×${t.height} | ${t.threads} | ${depth} | ${fmtMs(t.medianMs)} | ${fmtMs(t.medianCpuMs)} | ${fmtMiB(t.maxRssMiB)} | ${ratio}× | ${fmtLoad(t)} |`);
  }
  return rows.join('\n');
}

function browserTable(rows: BrowserRow[], reference: TorchResult | undefined): string {
  const out = [
    '| size (px) | image | wasm threads | how | warm-up + measured | median ms / iteration | range (ms) | wasm heap (MiB) | ÷ PyTorch (2 threads, to conv3_2) | load |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const b of rows) {
    const how = browserHow(b);
    const ratio = reference && reference.size === b.size && !b.error ? `${(b.medianMs / reference.medianMs).toFixed(2)}×` : '—';
    const threads = (b.backend ?? 'wasm') === 'wasm' ? String(b.threads) : '—';
    if (b.error) out.push(`| ${b.size} | — | ${threads} | ${how} | — | failed: ${b.error.replace(/\|/g, '/')} | — | — | — | ${fmtLoad(b)} |`);
    else out.push(`| ${b.size} | ${b.width}×${b.height} | ${threads} | ${how} | ${b.warmup} + ${b.iterations} | **${fmtMs(b.medianMs)}** | ${spread(b.times)} | ${b.wasmHeapMiB ? fmtMiB(b.wasmHeapMiB) : '—'} | ${ratio} | ${fmtLoad(b)} |`);
  }
  return out.join('\n');
}

/** The "how" column: the backend, and for wasm how its threads were set up; for GPU rows the GPU's name. */
function browserHow(b: BrowserRow): string {
  const backend = b.backend ?? 'wasm';
  if (backend !== 'wasm') return `${backend === 'webgpu' ? 'WebGPU' : 'WebGL'} on ${b.gpu ?? 'the GPU'}${b.realGpu ? ' (headed, `--gpu`)' : ' (headless)'}`;
  if (b.overrideConcurrency) return `wasm; hardwareConcurrency reported as ${2 * b.threads} by the benchmark (before the studio did it itself)`;
  return `wasm, threads set up as the studio's engine worker does (hardwareConcurrency ${b.hardwareConcurrency})`;
}

function profileTable(r: CaseResult): string {
  const p = r.profile!;
  const total = p.kernels.reduce((s, k) => s + k.ms, 0);
  const rows = [
    `Kernel time per iteration, wasm, ${r.width}×${r.height}: ${total.toFixed(0)} ms of ${fmtMs(r.medianMs)} ms wall (the rest is JavaScript: tape, scopes, dispose).`,
    '',
    '| kernel | ms / iteration | share | calls / iteration |',
    '|---|---|---|---|',
  ];
  for (const k of p.kernels.filter((k: KernelTotal) => k.ms >= 0.5 || k.calls >= 1).slice(0, 18)) {
    rows.push(`| ${k.name} | ${k.ms.toFixed(1)} | ${((100 * k.ms) / total).toFixed(1)} % | ${k.calls.toFixed(0)} |`);
  }
  rows.push('', 'Largest single kernels (by input shapes):', '', '| kernel | inputs | ms / iteration |', '|---|---|---|');
  for (const k of p.byShape.slice(0, 14)) rows.push(`| ${k.name} | ${k.shapes} | ${k.ms.toFixed(1)} |`);
  return rows.join('\n');
}

function measuredSpan(rows: Stamp[], fallback: Date): string {
  const times = rows.map((r) => r.at).filter((t): t is string => !!t).sort();
  const fmt = (t: string) => t.slice(0, 16).replace('T', ' ');
  if (times.length === 0) return fmt(fallback.toISOString());
  const first = fmt(times[0]!);
  const last = fmt(times[times.length - 1]!);
  return first === last ? first : `${first} – ${last}`;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  if (flag('batch')) return benchBatch(batchBenchOptions(argv, log));
  if (!existsSync(path.join(MODEL_DIR, 'model.json'))) {
    log(`bench: no VGG19 weights at ${MODEL_DIR}; nothing to measure.`);
    return;
  }
  const torchVersion = flag('no-torch') ? null : hasTorch();
  const info = machine(torchVersion);
  const loadBefore = os.loadavg();
  const started = new Date();
  log(`bench: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB.toFixed(1)} GiB, Node ${info.node}, tfjs ${info.tfjs}`);
  log(`bench: load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);

  let results: EngineRow[] = [];
  // wasm first, the slow cpu backend last, so that the engine, PyTorch and Chromium numbers that are
  // compared with each other are measured close together in time.
  const runBackend = async (backend: Backend) => {
    for (const size of sizes) {
      const p = plan(backend, size);
      const r = await runCase(backend, size, p);
      results.push(r);
      log(`  ${backend.padEnd(4)} ${String(size).padStart(4)} px (${r.width}×${r.height}): median ${fmtMs(r.medianMs)} ms/iteration (CPU ${fmtMs(r.medianCpuMs)}) over ${r.iterations}, peak RSS ${fmtMiB(r.maxRssMiB)} MiB${r.wasmHeapMiB !== null ? `, wasm heap ${fmtMiB(r.wasmHeapMiB)} MiB` : ''}`);
    }
  };
  if (backends.includes('wasm') && !gpuMode) await runBackend('wasm');

  let torch: TorchResult[] = [];
  if (gpuMode) log('bench: --gpu: only the GPU browser rows');
  else if (flag('no-torch')) log('bench: PyTorch reference skipped (--no-torch)');
  else if (!torchVersion) log(`bench: PyTorch reference skipped: ${PYTHON} with torch not found`);
  else {
    for (const size of torchSizes) {
      for (const depth of ['needed', 'full'] as const) {
        for (const threads of [2, 1]) {
          const t = await runTorch(size, threads, depth);
          torch.push(t);
          log(`  torch ${String(size).padStart(4)} px, ${threads} thread(s), to ${t.lastLayer}: median ${fmtMs(t.medianMs)} ms/iteration (CPU ${fmtMs(t.medianCpuMs)}), peak RSS ${fmtMiB(t.maxRssMiB)} MiB`);
        }
      }
    }
  }

  let browser: BrowserRow[] = [];
  if (flag('no-browser')) log('bench: Chromium cases skipped (--no-browser)');
  else if (!chromiumAvailable()) log('bench: Chromium cases skipped: no Chromium (set PASTICHE_CHROMIUM)');
  else if (gpuMode) browser = await runGpuRows();
  else if (sizes.includes(TARGET_SIZE) && backends.includes('wasm')) {
    for (const threads of [1, 2]) {
      const b = await runBrowser(TARGET_SIZE, threads);
      browser.push(b);
      log(`  chromium wasm ${TARGET_SIZE} px, ${threads} thread(s) asked, ${b.threads} running: median ${fmtMs(b.medianMs)} ms/iteration`);
    }
  }

  let profiled: EngineRow | null = null;
  if (!flag('no-profile') && !gpuMode && backends.includes('wasm') && sizes.includes(TARGET_SIZE)) {
    profiled = await runCase('wasm', TARGET_SIZE, { warmup: 2, iterations: quick ? 2 : 4 }, true);
  }
  if (backends.includes('cpu') && !gpuMode) await runBackend('cpu');
  if (flag('merge') || gpuMode) {
    const before = previousData();
    if (!before) log('bench: --merge: no earlier data in docs/benchmarks.md, nothing merged');
    else {
      results = mergeRows(before.results, results, (r) => `${r.backend} ${r.size}`);
      torch = mergeRows(before.torch, torch, (t) => `${t.size} ${t.threads} ${t.depth}`);
      browser = mergeRows(before.browser, browser, (b) => `${b.size} ${b.backend ?? 'wasm'} ${b.threads} ${b.overrideConcurrency ?? false} ${b.realGpu ? (b.gpu ?? '') : ''}`);
      profiled ??= before.profiled;
    }
  }
  results.sort((a, b) => (a.backend === b.backend ? a.size - b.size : a.backend === 'wasm' ? -1 : 1));
  torch.sort((a, b) => a.size - b.size);
  const loadAfter = os.loadavg();

  const wasm = results.filter((r) => r.backend === 'wasm');
  const verdicts: string[] = [];
  const ours = wasm.find((r) => r.size === TARGET_SIZE);
  const reference = torch.find((t) => t.size === TARGET_SIZE && t.threads === 2 && t.depth === 'needed');
  const referenceFull = torch.find((t) => t.size === TARGET_SIZE && t.threads === 2 && t.depth === 'full');
  const oneThread = torch.find((t) => t.size === TARGET_SIZE && t.threads === 1 && t.depth === 'needed');
  if (ours && reference) {
    const ratio = ours.medianMs / reference.medianMs;
    verdicts.push(
      `- Speed at ${TARGET_SIZE} px: engine (wasm, 1 thread) ${fmtMs(ours.medianMs)} ms vs PyTorch CPU (2 threads, same layers, to conv3_2) ${fmtMs(reference.medianMs)} ms: **${ratio.toFixed(2)}×** (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'not met'}).` +
        (referenceFull ? ` Against PyTorch running the full prefix to conv3_4 (${fmtMs(referenceFull.medianMs)} ms): ${(ours.medianMs / referenceFull.medianMs).toFixed(2)}×.` : ''),
    );
    verdicts.push(
      `- In CPU time, which other jobs on the machine disturb least: engine ${fmtMs(ours.medianCpuMs)} ms per iteration; PyTorch ${oneThread ? `1 thread ${fmtMs(oneThread.medianCpuMs)} ms (engine ÷ PyTorch per core: ${(ours.medianCpuMs / oneThread.medianCpuMs).toFixed(2)}×); ` : ''}PyTorch with 2 threads spent ${fmtMs(reference.medianCpuMs)} ms of CPU per iteration, so even if its two threads scaled perfectly on two free cores it would take ${fmtMs(reference.medianCpuMs / 2)} ms (${(ours.medianCpuMs / (reference.medianCpuMs / 2)).toFixed(2)}×, the worst case for the ratio); measured, it scales much less (${fmtMs(reference.medianMs)} ms wall).`,
    );
    verdicts.push(`- Sanity check: first-iteration style cost, engine ${ours.firstCosts[2]?.toFixed(4)} vs PyTorch ${reference.firstCosts[2]?.toFixed(4)} (content starts at 0 in both).`);
  }
  const twoThreads = browser.find((b) => (b.backend ?? 'wasm') === 'wasm' && !b.overrideConcurrency && b.threads === 2 && b.size === TARGET_SIZE);
  if (twoThreads && reference) {
    const ratio = twoThreads.medianMs / reference.medianMs;
    verdicts.push(
      `- The studio's step in Chromium with ${twoThreads.threads} wasm threads (the "CPU threads" setting at 2): ${fmtMs(twoThreads.medianMs)} ms, **${ratio.toFixed(2)}×** PyTorch with 2 threads (target ≤ ${STUDIO_THREADS_TARGET}×: ${ratio <= STUDIO_THREADS_TARGET ? 'met' : 'not met'}; load ${fmtLoad(twoThreads)}, PyTorch's ${fmtLoad(reference)}).`,
    );
  }
  const big = results.filter((r) => r.size === 512);
  for (const r of big) {
    verdicts.push(`- Memory at 512 px, ${r.backend}: peak RSS ${fmtMiB(r.maxRssMiB)} MiB (target < ${MEMORY_LIMIT_MIB} MiB: ${r.maxRssMiB < MEMORY_LIMIT_MIB ? 'met' : 'not met'}).`);
  }

  const generated = [
    BEGIN,
    '',
    `Measured ${measuredSpan([...results, ...torch, ...browser], started)} UTC by \`npm run bench\`${quick ? ' (--quick)' : ''}${flag('merge') ? ' (rows re-measured with --merge keep their own time and load)' : ''}.`,
    '',
    `- Machine: ${info.cpu}; ${info.cores} cores; ${info.memoryGiB.toFixed(1)} GiB RAM; ${info.os}.`,
    `- Software: Node ${info.node}; @tensorflow/tfjs-core ${info.tfjs}, tfjs-backend-wasm ${info.wasm} (single-threaded in Node: SIMD, no threads); ${info.torch ? `PyTorch ${info.torch} (Debian, CPU)` : 'PyTorch not available'}.`,
    `- Load average (1/5/15 min) before the last run: ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}; after: ${loadAfter.map((l) => l.toFixed(2)).join(' / ')}. Other jobs share these 2 cores (builds and tests of other work), so runs vary; medians are reported, and each row gives the 1-minute load average when it finished ("load"; 1 means one core busy besides the benchmark's own process).`,
    '- Workload: chelsea.jpg (content) and starry_night.jpg (style) from ../shared/images; the real VGG19 prefix in ../shared/models/vgg19 (conv1_1 … conv3_4); content relu3_2, style relu1_1, relu2_1, relu3_1, max pooling; one scale (startSize = size), Adam. The network runs to conv3_2, the deepest layer the costs use.',
    '- One iteration = the engine\'s real step in `StyleTransferRun` (forward, gradient, Adam, clip, EMA, reading the costs back), timed between progress events after the warm-up iterations. Each (backend, size) runs in its own process; peak RSS is that process\'s `process.resourceUsage().maxRSS` (Node, tfjs, weights, images and all); "wasm heap" is the size of the WebAssembly memory at the end, which only grows, so it is its peak.',
    '',
    '### Engine',
    '',
    engineTable(results),
    '',
  ];
  if (torch.length) {
    generated.push('### PyTorch CPU reference (tests/bench/torch_reference.py)', '', torchTable(torch, wasm), '');
  }
  if (browser.length) {
    generated.push(
      '### The engine in Chromium (a Web Worker, as in the studio)',
      '',
      'Headless Debian Chromium, cross-origin isolated page. The wasm rows set threads up as the studio\'s engine worker does (renderer/engine/wasmThreads.ts: one thread on the single-threaded SIMD build, more on the threaded SIMD build, with the backend\'s hardwareConcurrency / 2 cap lifted), and "wasm threads" is the thread pool actually running (tf.wasm.getThreadsCount()). GPU rows (`npm run bench -- --gpu`) name the GPU they ran on.',
      '',
      browserTable(browser, reference),
      '',
    );
  }
  if (verdicts.length) generated.push('### Against the targets', '', ...verdicts, '');
  if (profiled?.profile) generated.push('### Where the time goes (wasm, tf.profile)', '', profileTable(profiled), '');
  const data: BenchData = { results, torch, browser, profiled };
  generated.push(`${DATA_PREFIX}${JSON.stringify(data)} -->`, END);
  const block = generated.join('\n');
  log('');
  log(block.split('\n').filter((l) => !l.startsWith(DATA_PREFIX)).join('\n'));

  if (!flag('no-write')) {
    const previous = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
    const i = previous.indexOf(BEGIN);
    const j = previous.indexOf(END);
    const next =
      i !== -1 && j > i
        ? previous.slice(0, i) + block + previous.slice(j + END.length)
        : `# Benchmarks\n\n${block}\n${previous ? `\n${previous}` : ''}`;
    writeFileSync(DOC, next);
    log(`\nbench: wrote ${path.relative(ROOT, DOC)}`);
  }
  if (flag('no-optimizers')) log('bench: Adam vs L-BFGS skipped (--no-optimizers)');
  else await benchOptimizers({ write: !flag('no-write'), log });
  if (flag('no-previews')) log('bench: preview timing skipped (--no-previews)');
  else await benchPreviews({ write: !flag('no-write'), log });
}

await main();
