/**
 * Makes docs/gallery: before/after panels of each creative control, with the real (partial) VGG19 weights
 * and the public-domain images in ../shared. Run from the project root after `npm run build`:
 *   npx tsx docs/gallery/make-gallery.ts
 * Every panel is made by the `pastiche stylize` commands listed in docs/gallery/README.md and commands.txt.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHARED = path.resolve(ROOT, '../shared');
const OUT = path.join(ROOT, 'docs/gallery');
const WORK = mkdtempSync(path.join(os.tmpdir(), 'pastiche-gallery-'));
const SIZE = 256;
const ITERATIONS = 150;
const img = (name: string) => path.join(SHARED, 'images', name);
const shown = (p: string) => p.replace(SHARED, '../shared').replace(WORK, '$WORK');

interface Cell {
  label: string;
  args?: string[];
  file?: string;
}

const commands: string[] = [];

function stylize(name: string, args: string[]): string {
  const out = path.join(WORK, `${name}.png`);
  const full = ['stylize', '--size', String(SIZE), '--iterations', String(ITERATIONS), '--model', path.join(SHARED, 'models/vgg19'), '--out', out, '--force', '--quiet', ...args];
  commands.push(`pastiche ${full.map((a) => (a.includes(' ') ? `"${a}"` : shown(a))).join(' ')}`);
  execFileSync(process.execPath, [path.join(ROOT, 'dist/main/cli/pastiche.js'), ...full], { stdio: 'inherit' });
  return out;
}

async function label(file: string, text: string, height: number): Promise<Buffer> {
  const resized = await sharp(file).resize({ height }).toBuffer();
  const { width } = await sharp(resized).metadata();
  const caption = Buffer.from(
    `<svg width="${width}" height="22"><rect width="100%" height="100%" fill="#111"/><text x="6" y="16" font-family="sans-serif" font-size="13" fill="#eee">${text}</text></svg>`,
  );
  return sharp({ create: { width: width!, height: height + 22, channels: 3, background: '#111' } })
    .composite([
      { input: resized, top: 0, left: 0 },
      { input: caption, top: height, left: 0 },
    ])
    .png()
    .toBuffer();
}

async function panel(name: string, title: string, cells: Cell[]): Promise<void> {
  const height = 170;
  const tiles: Buffer[] = [];
  for (const [i, cell] of cells.entries()) tiles.push(await label(cell.file ?? stylize(`${name}-${i}`, cell.args!), cell.label, height));
  const widths = await Promise.all(tiles.map(async (t) => (await sharp(t).metadata()).width!));
  const total = widths.reduce((a, b) => a + b, 0) + 6 * (tiles.length - 1);
  let left = 0;
  const composite = tiles.map((input, i) => {
    const at = left;
    left += widths[i]! + 6;
    return { input, top: 0, left: at };
  });
  await sharp({ create: { width: total, height: height + 22, channels: 3, background: '#000' } })
    .composite(composite)
    .jpeg({ quality: 80, mozjpeg: true })
    .toFile(path.join(OUT, `${name}.jpg`));
  writeFileSync(path.join(WORK, `${name}.title`), title);
}

async function mask(name: string, draw: (x: number, y: number, w: number, h: number) => boolean, like: string): Promise<string> {
  const { width, height } = await sharp(like).metadata();
  const data = Buffer.alloc(width! * height!);
  for (let y = 0; y < height!; y++) for (let x = 0; x < width!; x++) data[y * width! + x] = draw(x, y, width!, height!) ? 255 : 0;
  const file = path.join(WORK, `${name}.png`);
  await sharp(data, { raw: { width: width!, height: height!, channels: 1 } }).png().toFile(file);
  return file;
}

mkdirSync(OUT, { recursive: true });
const cat = img('chelsea.jpg');
const coffee = img('coffee.jpg');
const starry = img('starry_night.jpg');
const wreck = img('shipwreck.jpg');
const base = ['--content', cat, '--style', starry];

await panel('blend', 'Several styles with blend weights', [
  { label: 'photo', file: cat },
  { label: 'Starry Night', args: base },
  { label: 'blend 1 : 1', args: [...base, '--style', wreck, '--style-weight', '1,1'] },
  { label: 'Shipwreck', args: ['--content', cat, '--style', wreck] },
]);
await panel('colour', 'Colour modes', [
  { label: 'style colours', args: [...base, '--colour', 'style'] },
  { label: 'original colours', args: [...base, '--colour', 'original'] },
  { label: 'luminance only', args: [...base, '--colour', 'luminance'] },
  { label: 'histogram matched', args: [...base, '--colour', 'histogram'] },
]);
await panel('style-scale', 'Style scale', [
  { label: 'style scale 0.5', args: ['--content', coffee, '--style', starry, '--style-scale', '0.5'] },
  { label: 'style scale 1', args: ['--content', coffee, '--style', starry, '--style-scale', '1'] },
  { label: 'style scale 2', args: ['--content', coffee, '--style', starry, '--style-scale', '2'] },
]);
const keep = await mask('keep-face', (x, y, w, h) => ((x - 0.42 * w) / (0.2 * w)) ** 2 + ((y - 0.45 * h) / (0.3 * h)) ** 2 < 1, cat);
const left = await mask('left', (x, _y, w) => x < w / 2, cat);
const right = await mask('right', (x, _y, w) => x >= w / 2, cat);
await panel('masks', 'Masks: keep a region, or a style per region', [
  { label: 'keep mask', file: keep },
  { label: 'face kept', args: [...base, '--keep-mask', keep] },
  { label: 'Starry left, Shipwreck right', args: [...base, '--style', wreck, '--style-mask', left, '--style-mask', right] },
]);
await panel('optimizer', `Optimisers after ${ITERATIONS} iterations`, [
  { label: 'Adam', args: [...base, '--optimizer', 'adam'] },
  { label: 'L-BFGS (default)', args: [...base, '--optimizer', 'lbfgs'] },
]);
await panel('presets', 'Presets', [
  { label: 'Subtle', args: [...base, '--style-strength', '0.3', '--content-weight', '1.5', '--smoothness', '1.5'] },
  { label: 'Balanced', args: base },
  { label: 'Bold', args: [...base, '--style-strength', '3', '--content-weight', '0.5', '--smoothness', '0.5', '--style-scale', '1.5'] },
]);
writeFileSync(path.join(OUT, 'commands.txt'), commands.join('\n') + '\n');
console.log(`gallery written to ${OUT}; intermediate files in ${WORK}`);
