/**
 * Adam against L-BFGS on the real weights: which reaches a lower cost per second (issue: "measure which
 * reaches a lower cost per second and make that the default"). Each optimiser runs in its own process
 * (tests/bench/optimizerCase.ts) at one scale from the photo; the table gives the total cost each has reached
 * after the same CPU time, and the CPU time each needs to reach the cost Adam ends with.
 * `npm run bench` runs it last (skip with --no-optimizers); alone: `npx tsx tests/bench/optimizers.ts [--no-write]`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { child } from './child.js';
import type { OptimizerResult } from './optimizerCase.js';
import { ROOT } from './inputs.js';

const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const BEGIN = '<!-- optimizers:begin (written by `npm run bench`; edit outside these markers) -->';
const END = '<!-- optimizers:end -->';
const PLAN = [
  { size: 128, iterations: 100 },
  { size: 256, iterations: 60 },
];

function runCase(optimizer: 'adam' | 'lbfgs', size: number, iterations: number): Promise<OptimizerResult> {
  const args = ['--import', 'tsx', path.join('tests', 'bench', 'optimizerCase.ts'), '--optimizer', optimizer, '--size', String(size), '--iterations', String(iterations)];
  return child<OptimizerResult>(process.execPath, args);
}

/** The cost reached once `ms` of CPU time was spent (the last iteration that ended by then); null before the first. */
function costAt(r: OptimizerResult, ms: number): number | null {
  let cost: number | null = null;
  r.cpuMs.forEach((t, i) => {
    if (t <= ms) cost = r.costs[i]!;
  });
  return cost;
}

/** CPU seconds until the cost first fell to `target`; null if it never did. */
function secondsTo(r: OptimizerResult, target: number): number | null {
  const i = r.costs.findIndex((c) => c <= target);
  return i === -1 ? null : r.cpuMs[i]! / 1000;
}

const fmt = (v: number | null, digits = 3) => (v === null ? '—' : v.toFixed(digits));

function section(pairs: Array<{ adam: OptimizerResult; lbfgs: OptimizerResult }>): string {
  const rows: string[] = [];
  const verdicts: string[] = [];
  for (const { adam, lbfgs } of pairs) {
    const budget = Math.min(adam.cpuMs.at(-1)!, lbfgs.cpuMs.at(-1)!);
    const marks = [0.25, 0.5, 1].map((f) => f * budget);
    for (const r of [adam, lbfgs]) {
      const perIteration = r.cpuMs.at(-1)! / r.costs.length;
      rows.push(
        `| ${r.size} px (${r.width}×${r.height}) | ${r.optimizer === 'lbfgs' ? 'L-BFGS' : 'Adam'} | ${r.costs.length} | ${(perIteration).toFixed(0)} | ${marks.map((m) => fmt(costAt(r, m))).join(' | ')} | ${fmt(r.costs.at(-1)!)} | ${fmt(secondsTo(r, adam.costs.at(-1)!), 1)} |`,
      );
    }
    const a = costAt(adam, budget)!;
    const l = costAt(lbfgs, budget)!;
    const winner = l < a ? 'L-BFGS' : 'Adam';
    const toAdamFinal = secondsTo(lbfgs, adam.costs.at(-1)!);
    verdicts.push(
      `- ${adam.size} px: after ${(budget / 1000).toFixed(0)} s of CPU, Adam is at ${a.toFixed(3)} and L-BFGS at ${l.toFixed(3)}: **${winner}** reaches the lower cost per second` +
        (toAdamFinal !== null ? `; L-BFGS reaches Adam's final cost in ${toAdamFinal.toFixed(1)} s instead of ${(adam.cpuMs.at(-1)! / 1000).toFixed(1)} s.` : '.'),
    );
  }
  const head = pairs[0]!;
  return [
    BEGIN,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (load average ${os.loadavg()[0]!.toFixed(2)}) with the real weights, chelsea.jpg in the style of starry_night.jpg, wasm backend, one scale from the photo, default settings otherwise; every iteration is timed in CPU time of the process (robust against other jobs).`,
    '',
    `| size | optimiser | iterations | CPU ms / iteration | total cost after ¼ · ½ · all of the shorter run's CPU time | | | final total cost | CPU s to reach Adam's final cost |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...verdicts,
    '',
    `The default optimiser is ${head.lbfgs.costs.at(-1)! < head.adam.costs.at(-1)! ? 'L-BFGS' : 'Adam'} (\`DEFAULT_SETTINGS.optimizer\` in app/run/settings.ts). Tiled (very large) scales always use Adam: L-BFGS keeps a history of picture-sized vectors that would not fit there, and each step sees a different tile grid.`,
    '',
    END,
  ].join('\n');
}

export async function benchOptimizers(options: { write: boolean; log: (line: string) => void }): Promise<void> {
  const pairs = [];
  for (const { size, iterations } of PLAN) {
    const adam = await runCase('adam', size, iterations);
    const lbfgs = await runCase('lbfgs', size, iterations);
    options.log(`  optimisers ${size} px: Adam ${adam.costs.at(-1)!.toFixed(3)} in ${(adam.cpuMs.at(-1)! / 1000).toFixed(1)} s CPU, L-BFGS ${lbfgs.costs.at(-1)!.toFixed(3)} in ${(lbfgs.cpuMs.at(-1)! / 1000).toFixed(1)} s CPU`);
    pairs.push({ adam, lbfgs });
  }
  const block = section(pairs);
  options.log(block);
  if (!options.write) return;
  const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const i = doc.indexOf(BEGIN);
  const j = doc.indexOf(END);
  const next = i !== -1 && j > i ? doc.slice(0, i) + block + doc.slice(j + END.length) : `${doc.trimEnd()}\n\n## Adam or L-BFGS\n\n${block}\n`;
  writeFileSync(DOC, next);
  options.log(`bench: wrote ${path.relative(ROOT, DOC)} (optimisers)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await benchOptimizers({ write: !process.argv.includes('--no-write'), log: (l) => process.stderr.write(`${l}\n`) });
}
