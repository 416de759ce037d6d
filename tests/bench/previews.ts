/**
 * Preview frames by time (issue 10): Start → first frame and the longest gap between frames of a default
 * 512 px run on wasm (tests/bench/previewCase.ts, in its own process), with what reading a frame back costs.
 * `npm run bench` runs it (skip with --no-previews); alone: `npx tsx tests/bench/previews.ts [--no-write]`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { child } from './child.js';
import type { PreviewResult } from './previewCase.js';
import { ROOT } from './inputs.js';

const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const BEGIN = '<!-- previews:begin (written by `npm run bench`; edit outside these markers) -->';
const END = '<!-- previews:end -->';
/** Targets (issue 10): the first frame within 1 s of Start, no gap between frames over 1.5 s, at 512 px on wasm. */
const FIRST_FRAME_MS = 1000;
const LONGEST_GAP_MS = 1500;

const s = (ms: number) => (ms / 1000).toFixed(2);
const met = (v: number, limit: number) => (v <= limit ? 'met' : 'not met');

function section(r: PreviewResult, load: [number, number]): string {
  const bySide = r.scales.map((side) => {
    const g = r.gaps.filter((x) => x.side === side);
    return `| ${side} | ${g.length} | ${g.length ? s(Math.max(...g.map((x) => x.ms))) : '—'} | ${g.length ? s(Math.max(...g.map((x) => x.cpuMs))) : '—'} |`;
  });
  return [
    BEGIN,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${load[0].toFixed(1)} at the start and ${load[1].toFixed(1)} at the end: chelsea.jpg in the style of starry_night.jpg, default settings at ${r.size} px (scales ${r.scales.join(', ')} px) with ${r.iterations} iterations in all (a few at every scale, each scale's iterations run in full), wasm in Node, real weights. Wall time is what this shared machine gave; CPU time (one thread) is what a machine without other jobs would show.`,
    '',
    '| | wall s | CPU s | target |',
    '|---|---|---|---|',
    `| Start → first frame | ${s(r.startToFirstFrameMs)} | ${s(r.startToFirstFrameCpuMs)} | ≤ ${s(FIRST_FRAME_MS)} (CPU: ${met(r.startToFirstFrameCpuMs, FIRST_FRAME_MS)}) |`,
    `| longest gap between frames | ${s(r.longestGapMs)} | ${s(r.longestGapCpuMs)} | ≤ ${s(LONGEST_GAP_MS)} (CPU: ${met(r.longestGapCpuMs, LONGEST_GAP_MS)}) |`,
    `| one iteration at ${r.size} px (median) | ${s(r.finalIterationMs)} | | |`,
    `| reading one ${r.size} px frame back (tensorToRgba) | ${s(r.readbackMs)} | | ≤ 5 % of the time between frames |`,
    '',
    '| scale (px) | gaps | longest gap, wall s | longest gap, CPU s |',
    '|---|---|---|---|',
    ...bySide,
    '',
    `${r.frames} frames in ${s(r.runMs)} s. A frame can only come between iterations, so the longest gap can be no shorter than one iteration at the final scale plus the start of that scale (its content and style targets)${r.longestGapCpuMs > LONGEST_GAP_MS ? `: at ${r.size} px on one wasm thread that is more than the ${s(LONGEST_GAP_MS)} s target, which needs a faster step (threads, WebGL or WebGPU in the studio)` : ''}. Reading a frame back costs ${s(r.readbackMs)} s, ${((r.readbackMs / Math.max(r.finalIterationMs, 500)) * 100).toFixed(1)} % of the time between two frames at ${r.size} px, within the 5 % that app/run/previewTimer.ts allows.`,
    '',
    END,
  ].join('\n');
}

export async function benchPreviews(options: { write: boolean; log: (line: string) => void }): Promise<void> {
  const before = os.loadavg()[0]!;
  const r = await child<PreviewResult>(process.execPath, ['--import', 'tsx', path.join('tests', 'bench', 'previewCase.ts'), '--size', '512', '--iterations', '20']);
  const block = section(r, [before, os.loadavg()[0]!]);
  options.log(`  previews 512 px: first frame after ${s(r.startToFirstFrameMs)} s (CPU ${s(r.startToFirstFrameCpuMs)} s), longest gap ${s(r.longestGapMs)} s (CPU ${s(r.longestGapCpuMs)} s)`);
  if (!options.write) return;
  const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const i = doc.indexOf(BEGIN);
  const j = doc.indexOf(END);
  writeFileSync(DOC, i !== -1 && j > i ? doc.slice(0, i) + block + doc.slice(j + END.length) : `${doc.trimEnd()}\n\n## Preview frames\n\n${block}\n`);
  options.log(`bench: wrote ${path.relative(ROOT, DOC)} (previews)`);
}

/** Writes the section from a result measured earlier (a JSON line from previewCase.ts). */
export function writePreviewSection(r: PreviewResult, load: [number, number]): void {
  const doc = readFileSync(DOC, 'utf8');
  const block = section(r, load);
  const i = doc.indexOf(BEGIN);
  const j = doc.indexOf(END);
  writeFileSync(DOC, i !== -1 && j > i ? doc.slice(0, i) + block + doc.slice(j + END.length) : `${doc.trimEnd()}\n\n## Preview frames\n\n${block}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await benchPreviews({ write: !process.argv.includes('--no-write'), log: (l) => process.stderr.write(`${l}\n`) });
}
