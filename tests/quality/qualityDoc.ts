import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pairName, type QualityRow } from './qualityRow.js';

export const BEGIN = '<!-- quality:begin (written by `npm run quality`; edit outside these markers) -->';
export const END = '<!-- quality:end -->';
const DATA_PREFIX = '<!-- quality-data ';

/** The rows stored in the document by earlier runs. */
export function storedRows(doc: string): QualityRow[] {
  const i = doc.indexOf(DATA_PREFIX);
  if (i === -1) return [];
  const j = doc.indexOf(' -->', i);
  return (JSON.parse(doc.slice(i + DATA_PREFIX.length, j)) as { rows: QualityRow[] }).rows;
}

const pct = (v: number, ref: number | undefined) => (ref === undefined ? '' : ` (${v >= ref ? '+' : ''}${(((v - ref) / ref) * 100).toFixed(1)} %)`);
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
const f0 = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '—');

function resultTable(rows: QualityRow[], reference: string): string {
  const ref = (r: QualityRow) => rows.find((x) => x.label === reference && x.photo === r.photo && x.painting === r.painting && x.size === r.size);
  const lines = [
    `| variant | pair | size | style distance (vs ${reference}) | content distance (vs ${reference}) | edge (photo) | grid (photo) | iterations | wall s | CPU s | load |`,
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const b = r.label === reference ? undefined : ref(r);
    lines.push(
      `| ${r.label} | ${pairName(r)} | ${r.width}×${r.height} | ${f3(r.style)}${pct(r.style, b?.style)} | ${f3(r.content)}${pct(r.content, b?.content)} | ${f2(r.edge)} (${f2(r.photoEdge)}) | ${f2(r.grid)} (${f2(r.photoGrid)}) | ${r.iterations} | ${f0(r.wallSeconds)} | ${f0(r.cpuSeconds)} | ${r.loadStart.toFixed(1)}–${r.loadEnd.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}

function gallery(rows: QualityRow[], labels: string[], inputs: (file: string) => string): string {
  const shown = rows.filter((r) => r.picture);
  const pairs = [...new Map(shown.map((r) => [`${r.photo}|${r.painting}|${r.size}`, r])).values()];
  if (pairs.length === 0) return '';
  const cols = labels.filter((l) => shown.some((r) => r.label === l));
  const lines = [`| photo | style | ${cols.join(' | ')} |`, `|${'---|'.repeat(cols.length + 2)}`];
  for (const p of pairs) {
    const cells = cols.map((l) => {
      const r = shown.find((x) => x.label === l && x.photo === p.photo && x.painting === p.painting && x.size === p.size);
      return r ? `![${l}](${r.picture})` : '';
    });
    lines.push(`| ![${p.photo}](${inputs(p.photo)}) | ![${p.painting}](${inputs(p.painting)}) | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export interface DocContext {
  machine: string;
  reference: string;
  /** Input thumbnails' paths relative to docs/quality.md, by file name. */
  inputPicture: (file: string) => string;
}

/** The generated block: tables by size, the gallery, and the rows as data for later merges. */
export function qualityBlock(rows: QualityRow[], ctx: DocContext): string {
  const labels = [...new Set(rows.map((r) => r.label))];
  const sizes = [...new Set(rows.map((r) => r.size))].sort((a, b) => a - b);
  const order = (r: QualityRow) => labels.indexOf(r.label);
  const at = rows.map((r) => r.at).sort();
  const parts = [
    BEGIN,
    '',
    `Measured ${at[0]?.slice(0, 16).replace('T', ' ')} – ${at.at(-1)?.slice(0, 16).replace('T', ' ')} UTC. ${ctx.machine}`,
    '',
  ];
  for (const size of sizes) {
    const here = rows.filter((r) => r.size === size).sort((a, b) => (a.photo + a.painting).localeCompare(b.photo + b.painting) || order(a) - order(b));
    parts.push(`### ${size} px`, '', resultTable(here, ctx.reference), '');
  }
  const pics = gallery(rows, labels, ctx.inputPicture);
  if (pics) parts.push('### Pictures (512 px)', '', pics, '');
  parts.push(`${DATA_PREFIX}${JSON.stringify({ rows })} -->`, END);
  return parts.join('\n');
}

/** Replaces the block between the markers (or appends it) in `file`. */
export function writeBlock(file: string, block: string): void {
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Quality\n\n';
  const i = doc.indexOf(BEGIN);
  const j = doc.indexOf(END);
  writeFileSync(file, i !== -1 && j > i ? doc.slice(0, i) + block + doc.slice(j + END.length) : `${doc.trimEnd()}\n\n${block}\n`);
}
