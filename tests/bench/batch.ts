/**
 * `pastiche batch` on every core against one photo after another (issue 12 §2): the built CLI with the real
 * weights paints the same photos with the same settings twice, as `pastiche batch --jobs <cores>` and as one
 * `pastiche stylize` after another, each process timed by /usr/bin/time (wall, CPU, peak RSS), with the load
 * average. Target: the batch in ≤ 0.6× the sequential wall time. Writes its rows between the batch markers
 * in docs/benchmarks.md ("Threads").
 *
 *   npx tsx tests/bench/batch.ts [--size 256] [--iterations 500] [--jobs <cores>] [--photos 4] [--no-write]
 *   npm run bench -- --batch [same options]
 *
 * Needs `npm run build` first (it times the built CLI, as users run it) and Linux's /usr/bin/time.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { IMAGES_DIR, MODEL_DIR, ROOT, STYLE_IMAGE } from './inputs.js';

const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const BEGIN = '<!-- batch:begin (written by `tests/bench/batch.ts`; edit outside these markers) -->';
const END = '<!-- batch:end -->';
const BIN = path.join(ROOT, 'dist', 'main', 'cli', 'pastiche.js');
const PHOTOS = ['chelsea.jpg', 'astronaut.jpg', 'coffee.jpg', 'rocket.jpg', 'shipwreck.jpg', 'gravel-gray.png'];
/** The target: a batch on every core in at most this part of the sequential wall time. */
const TARGET = 0.6;

export interface BatchBenchOptions {
  size: number;
  /** The iteration cap of every run (--iterations); the default settings' min-improvement rule may stop earlier, alike in both. */
  iterations: number;
  jobs: number;
  photos: number;
  write: boolean;
  log: (line: string) => void;
}

/** One process as /usr/bin/time saw it. */
interface Timed {
  wallS: number;
  cpuS: number;
  maxRssMiB: number;
}

/** Runs the built CLI under /usr/bin/time; its own output is dropped unless it fails. */
function timed(args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const p = spawn('/usr/bin/time', ['-f', 'TIMED %e %U %S %M', process.execPath, BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const m = /TIMED ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(err);
      if (code !== 0 || !m) return reject(new Error(`pastiche ${args.join(' ')} exited with ${code}: ${err.slice(-500)}`));
      resolve({ wallS: Number(m[1]), cpuS: Number(m[2]) + Number(m[3]), maxRssMiB: Number(m[4]) / 1024 });
    });
  });
}

const load = () => os.loadavg()[0]!;

function settingsArgs(o: BatchBenchOptions): string[] {
  return ['--style', STYLE_IMAGE, '--model', MODEL_DIR, '--size', String(o.size), '--iterations', String(o.iterations), '--quiet', '--force'];
}

interface Measured {
  sequential: Timed[];
  batch: Timed;
  /** Whether both ways painted the same pixels (they should: same settings, same seed). */
  samePixels: boolean;
  load: { before: number; between: number; after: number };
}

async function measure(o: BatchBenchOptions, photos: string[], dir: string): Promise<Measured> {
  const input = path.join(dir, 'photos');
  const outSeq = path.join(dir, 'one-by-one');
  const outBatch = path.join(dir, 'batch');
  for (const d of [input, outSeq, outBatch]) mkdirSync(d);
  for (const p of photos) copyFileSync(path.join(IMAGES_DIR, p), path.join(input, p));
  const before = load();
  const sequential: Timed[] = [];
  for (const p of photos) {
    // One thread each, as a batch job paints: the same pixels, and the comparison the target is about.
    const out = path.join(outSeq, `${path.parse(p).name}.png`);
    sequential.push(await timed(['stylize', '--content', path.join(input, p), '--out', out, '--threads', '1', ...settingsArgs(o)]));
    o.log(`  stylize ${p}: ${sequential.at(-1)!.wallS.toFixed(1)} s wall, ${sequential.at(-1)!.cpuS.toFixed(1)} s CPU (load ${load().toFixed(1)})`);
  }
  const between = load();
  const batch = await timed(['batch', '--input', input, '--out', outBatch, '--jobs', String(o.jobs), ...settingsArgs(o)]);
  o.log(`  batch --jobs ${o.jobs}: ${batch.wallS.toFixed(1)} s wall, ${batch.cpuS.toFixed(1)} s CPU (load ${load().toFixed(1)})`);
  const after = load();
  const pixels = (file: string) => sharp(file).raw().toBuffer();
  const style = path.parse(STYLE_IMAGE).name;
  let samePixels = true;
  for (const p of photos) {
    const name = path.parse(p).name;
    samePixels &&= (await pixels(path.join(outSeq, `${name}.png`))).equals(await pixels(path.join(outBatch, `${name}-${style}.png`)));
  }
  return { sequential, batch, samePixels, load: { before, between, after } };
}

function section(o: BatchBenchOptions, photos: string[], m: Measured): string {
  const sum = (f: (t: Timed) => number) => m.sequential.reduce((a, t) => a + f(t), 0);
  const seqWall = sum((t) => t.wallS);
  const ratio = m.batch.wallS / seqWall;
  const cpuModel = os.cpus()[0]?.model ?? '?';
  return [
    BEGIN,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpuModel} (${os.availableParallelism()} cores), load average ${m.load.before.toFixed(1)} before, ${m.load.between.toFixed(1)} between the two and ${m.load.after.toFixed(1)} after: ${photos.join(', ')} in the style of ${path.basename(STYLE_IMAGE)} at ${o.size} px, default settings with at most ${o.iterations} iterations, wasm, the built CLI, real weights. Wall and CPU time (user + system) and peak RSS per process from /usr/bin/time.`,
    '',
    '| | processes | wall s | CPU s | peak RSS (MiB) |',
    '|---|---|---|---|---|',
    `| ${photos.length} × \`pastiche stylize --threads 1\`, one after another | ${photos.length} | ${seqWall.toFixed(1)} | ${sum((t) => t.cpuS).toFixed(1)} | ${Math.max(...m.sequential.map((t) => t.maxRssMiB)).toFixed(0)} (largest) |`,
    `| \`pastiche batch --jobs ${o.jobs}\` | 1 | ${m.batch.wallS.toFixed(1)} | ${m.batch.cpuS.toFixed(1)} | ${m.batch.maxRssMiB.toFixed(0)} |`,
    '',
    `Batch / sequential wall time: **${ratio.toFixed(2)}×** (target ≤ ${TARGET}×: ${ratio <= TARGET ? 'met' : 'not met'}). The batch's pictures are ${m.samePixels ? 'the same, pixel for pixel, as' : 'NOT the same as'} the one-by-one ones.`,
    '',
    END,
  ].join('\n');
}

export async function benchBatch(o: BatchBenchOptions): Promise<void> {
  if (!existsSync(path.join(MODEL_DIR, 'model.json'))) return o.log(`bench: no VGG19 weights at ${MODEL_DIR}; batch not measured.`);
  if (!existsSync(BIN)) return o.log('bench: no built CLI (dist/main/cli/pastiche.js); run `npm run build` first. Batch not measured.');
  if (!existsSync('/usr/bin/time')) return o.log('bench: no /usr/bin/time; batch not measured.');
  const photos = PHOTOS.slice(0, o.photos);
  o.log(`bench: ${photos.length} photos at ${o.size} px, at most ${o.iterations} iterations: one after another, then batch --jobs ${o.jobs}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pastiche-bench-batch-'));
  let block: string;
  try {
    block = section(o, photos, await measure(o, photos, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  o.log(block);
  if (!o.write) return;
  const doc = readFileSync(DOC, 'utf8');
  const i = doc.indexOf(BEGIN);
  const j = doc.indexOf(END);
  writeFileSync(DOC, i !== -1 && j > i ? doc.slice(0, i) + block + doc.slice(j + END.length) : `${doc.trimEnd()}\n\n## Batch on every core\n\n${block}\n`);
  o.log(`bench: wrote ${path.relative(ROOT, DOC)} (batch)`);
}

/** The options from the command line (shared with `npm run bench -- --batch`). */
export function batchBenchOptions(argv: readonly string[], log: (line: string) => void): BatchBenchOptions {
  const option = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    const n = i === -1 ? fallback : Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a whole number ≥ 1, got ${argv[i + 1]}`);
    return n;
  };
  const photos = Math.min(option('photos', 4), PHOTOS.length);
  return { size: option('size', 256), iterations: option('iterations', 500), jobs: option('jobs', Math.min(os.availableParallelism(), photos)), photos, write: !argv.includes('--no-write'), log };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await benchBatch(batchBenchOptions(process.argv.slice(2), (l) => process.stderr.write(`${l}\n`)));
}
