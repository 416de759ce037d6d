/**
 * `npm run quality`: what a change to the engine costs or gains in the picture. Runs the CLI (`pastiche
 * stylize`, default settings plus each variant's flags) on content/style pairs from ../shared/images at
 * 256 and 512 px, scores every lossless result with the fixed judge (app/quality/judge.ts: style and content
 * distances on VGG19 with the shared weights) and the artefact scores (edge, grid), records wall and CPU time
 * with the load, and writes the tables and the 512 px pictures into docs/quality.md. Not part of `npm test`.
 *
 * Options (after `npm run quality --`):
 *   --variant "--optimizer adam"   another row per pair and size with these flags (repeat for more)
 *   --no-default                   only the variants, not the default settings
 *   --sizes 256,512   --pairs chelsea:starry_night,astronaut:shipwreck,rocket:starry_night
 *   --cli PATH --as LABEL          run another build of the CLI (e.g. one built from an earlier commit) and
 *                                  label its default row LABEL, for before/after rows
 *   --reuse                        score results already in out/quality/runs/ instead of running them again
 *   --reference LABEL              the row the others are compared with (default "before")
 *   --no-write                     print only
 * Rows of earlier runs stay in the document unless this run re-measures them (same label, pair and size).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { VggNetwork } from '../../app/network/vgg.js';
import { loadVggWeights } from '../../app/weights/loadVggWeights.js';
import { folderWeightsSource } from '../../main/node/model/folderWeightsSource.js';
import { useBackend } from '../../main/node/tfBackend.js';
import { IMAGES_DIR, MODEL_DIR, ROOT } from '../bench/inputs.js';
import { qualityBlock, storedRows, writeBlock } from './qualityDoc.js';
import { rowKey, type QualityRow } from './qualityRow.js';
import { scoreResult } from './score.js';

const DOC = path.join(ROOT, 'docs', 'quality.md');
const PICTURES = path.join(ROOT, 'docs', 'quality');
const RUNS = path.join(ROOT, 'out', 'quality', 'runs');
const CPU_REPORT = path.join(ROOT, 'tests', 'quality', 'cpuReport.mjs');
const PICTURE_WIDTH = 320;

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : argv[i + 1]!;
};
const variants = argv.flatMap((a, i) => (a === '--variant' ? [argv[i + 1]!] : []));
const sizes = option('sizes', '256,512').split(',').map(Number);
const pairs = option('pairs', 'chelsea:starry_night,astronaut:shipwreck,rocket:starry_night').split(',').map((p) => p.split(':') as [string, string]);
const cli = path.resolve(ROOT, option('cli', 'dist/main/cli/pastiche.js'));
const reference = option('reference', 'before');

interface Variant {
  label: string;
  args: string[];
}

/** Flags of a variant as the shell would split them (quotes are not needed for the CLI's flags). */
const splitArgs = (s: string) => s.split(/\s+/).filter(Boolean);
const slug = (label: string) => label.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'default';

function imageFile(name: string): string {
  for (const ext of ['.jpg', '.png']) if (existsSync(path.join(IMAGES_DIR, name + ext))) return path.join(IMAGES_DIR, name + ext);
  throw new Error(`no image ${name}.jpg or ${name}.png in ${IMAGES_DIR}`);
}

interface RunTimes {
  wallSeconds: number;
  cpuSeconds: number;
  loadStart: number;
  loadEnd: number;
  iterations: number;
}

/** Runs the CLI once, writing `<base>.png` (lossless) and `<base>.json` (times, load, iterations). */
function runCli(v: Variant, photo: string, painting: string, size: number, base: string): Promise<RunTimes> {
  const args = ['--import', CPU_REPORT, cli, 'stylize', '--content', imageFile(photo), '--style', imageFile(painting), '--out', `${base}.png`];
  args.push('--size', String(size), '--model', MODEL_DIR, '--force', '--json', '--quiet', ...v.args);
  const env = { ...process.env, PASTICHE_CPU_REPORT: `${base}.cpu.json` };
  const loadStart = os.loadavg()[0]!;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`pastiche stylize ${args.slice(4).join(' ')} exited with ${code}`));
      const summary = JSON.parse(out.trim().split('\n').pop()!) as { iterations: number };
      const cpu = JSON.parse(readFileSync(`${base}.cpu.json`, 'utf8')) as { cpuSeconds: number };
      const times = { wallSeconds: (performance.now() - t0) / 1000, cpuSeconds: cpu.cpuSeconds, loadStart, loadEnd: os.loadavg()[0]!, iterations: summary.iterations };
      writeFileSync(`${base}.json`, JSON.stringify(times));
      resolve(times);
    });
  });
}

/** A small JPEG of a picture for the document's gallery. */
async function thumbnail(file: string, to: string): Promise<void> {
  mkdirSync(path.dirname(to), { recursive: true });
  await sharp(file).rotate().resize({ width: PICTURE_WIDTH }).jpeg({ quality: 82 }).toFile(to);
}

function machine(): string {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? '?';
  return `Machine: ${model}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, the CLI's wasm backend (one thread before 2 Dec 2026's \`--threads\`; since then \`--threads\` worker threads, default all cores, as each row's flags say). Other jobs share the cores: each row gives the 1-minute load average at its start and end, and the run's CPU seconds, which the load disturbs far less than wall time.`;
}

async function main(): Promise<void> {
  if (!existsSync(path.join(MODEL_DIR, 'model.json'))) {
    console.log(`quality: no VGG19 weights at ${MODEL_DIR}; nothing to judge with.`);
    return;
  }
  if (!existsSync(cli)) throw new Error(`no CLI build at ${cli}: run \`npm run build\` (npm run quality does)`);
  const list: Variant[] = [...(flag('no-default') ? [] : [{ label: option('as', 'default'), args: [] }]), ...variants.map((v) => ({ label: v, args: splitArgs(v) }))];
  await useBackend('wasm');
  const network = VggNetwork.fromWeights(await loadVggWeights(folderWeightsSource(MODEL_DIR)));
  const rows: QualityRow[] = [];
  try {
    for (const size of sizes) {
      for (const [photo, painting] of pairs) {
        for (const v of list) {
          const dir = path.join(RUNS, slug(v.label));
          mkdirSync(dir, { recursive: true });
          const base = path.join(dir, `${photo}-${painting}-${size}`);
          const reuse = flag('reuse') && existsSync(`${base}.png`) && existsSync(`${base}.json`);
          const times = reuse ? (JSON.parse(readFileSync(`${base}.json`, 'utf8')) as RunTimes) : await runCli(v, photo, painting, size, base);
          const scores = await scoreResult(network, `${base}.png`, imageFile(photo), imageFile(painting));
          const row: QualityRow = { label: v.label, args: v.args, photo, painting, size, ...scores, ...times, at: new Date().toISOString() };
          if (size === 512) {
            row.picture = `quality/${slug(v.label)}/${photo}-${painting}.jpg`;
            await thumbnail(`${base}.png`, path.join(ROOT, 'docs', row.picture));
          }
          rows.push(row);
          console.log(
            `${v.label} · ${photo} × ${painting} · ${size} px: style ${scores.style.toFixed(3)}, content ${scores.content.toFixed(3)}, edge ${scores.edge.toFixed(2)} (photo ${scores.photoEdge.toFixed(2)}), grid ${scores.grid.toFixed(2)} (photo ${scores.photoGrid.toFixed(2)}), ${times.iterations} iterations, ${times.wallSeconds.toFixed(0)} s wall, ${times.cpuSeconds.toFixed(0)} s CPU, load ${times.loadStart.toFixed(1)}–${times.loadEnd.toFixed(1)}${reuse ? ' (reused)' : ''}`,
          );
        }
      }
    }
  } finally {
    network.dispose();
  }
  if (flag('no-write')) return;
  for (const [photo, painting] of pairs) for (const f of [photo, painting]) await thumbnail(imageFile(f), path.join(PICTURES, 'inputs', `${f}.jpg`));
  const fresh = new Set(rows.map(rowKey));
  const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  const merged = [...storedRows(doc).filter((r) => !fresh.has(rowKey(r))), ...rows];
  writeBlock(DOC, qualityBlock(merged, { machine: machine(), reference, inputPicture: (f) => `quality/inputs/${f}.jpg` }));
  console.log(`quality: wrote ${path.relative(ROOT, DOC)}`);
}

await main();
