import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../main/cli/cliError.js';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { runCli, type CliResult } from '../cli/runCli.js';
import { brokenCases, CMYK_RED, decodeCases, hugePngFile, UNICODE_PHOTO, UNICODE_STYLE, type DecodeCase } from '../fixtures/badImages.js';
import { FILLER, fullFolder, mountUnavailable, readOnlyFolder, type LimitedFolder } from '../fixtures/limitedFolders.js';
import { listFolder } from '../fixtures/tempFolder.js';
import { writeSyntheticModelFolder } from '../fixtures/syntheticModelFolder.js';
import { picturePng } from '../fixtures/testImages.js';
import { colourDistance, halfColours } from './regionColour.js';

// `pastiche stylize` meets bad input: huge images are refused in one line, unicode names go in and out, and outputs
// that cannot be written cost the user nothing. Awkward images (16-bit, CMYK, alpha) go through the same decoding in
// cliBatch.test.ts, in one run; empty, text and truncated files are in tests/cli/stylizeErrors.test.ts.

let root: string;
let home: string;
let model: string;
let style: string;
let cases: DecodeCase[];
const f = (...names: string[]) => path.join(root, ...names);

/** Runs keep the photo (style strength 0, no smoothing, one scale), so an output shows how the photo was decoded. */
const KEEP_PHOTO = ['--style-strength', '0', '--smoothness', '0', '--start-size', '48', '--iterations', '1'];
/** PNG output of a decoded photo is exact; this allows for float rounding in the run. */
const RUN_DRIFT = 2;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pastiche-bad-stylize-'));
  home = f('home');
  await mkdir(home);
  model = await writeSyntheticModelFolder(f('model'));
  cases = await decodeCases();
  await mkdir(f('in'));
  for (const c of cases) await writeFile(f('in', c.name), c.bytes);
  for (const c of Object.values(await brokenCases())) await writeFile(f('in', c.name), c.bytes);
  style = f('in', 'style.png');
  await writeFile(style, await picturePng(40, 40));
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Outcome extends CliResult {
  outDir: string;
  /** The temp folder the CLI saw (TMPDIR): where a result that could not be written goes. */
  tmpDir: string;
}

/** Runs `pastiche stylize --quiet` with a fresh TMPDIR; `out` defaults to result.png in a fresh folder. */
async function stylize(content: string, options: { out?: string; styles?: string[]; extra?: string[] } = {}): Promise<Outcome> {
  const outDir = await mkdtemp(f('out-'));
  const tmpDir = await mkdtemp(f('tmp-'));
  const out = options.out ?? path.join(outDir, 'result.png');
  const styles = (options.styles ?? [style]).flatMap((s) => ['--style', s]);
  const args = ['stylize', '--content', content, ...styles, '--out', out, '--model', model, '--size', '48', ...KEEP_PHOTO, '--quiet', ...(options.extra ?? [])];
  return { ...(await runCli(args, { home, env: { TMPDIR: tmpDir } })), outDir, tmpDir };
}

/** What Pastiche left in a temp folder (tsx, when the CLI runs from source, keeps its cache there too). */
async function pasticheFiles(dir: string): Promise<string[]> {
  return (await listFolder(dir)).filter((name) => !name.startsWith('tsx-'));
}

function expectOneLine(r: CliResult, code: number, line: string): void {
  expect(r.stderr, r.stderr).toBe(`pastiche: ${line}\n`);
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
}

describe.concurrent('pastiche stylize: huge images are refused in one line, before any work, leaving nothing behind', () => {
  it('a genuine 20000×20000 PNG, with its size and the limit', async () => {
    const huge = await hugePngFile();
    const r = await stylize(huge);
    expectOneLine(r, EXIT.input, `content image ${huge}: the image is 20000×20000 (400.0 MP), more than the 100.0 MP limit`);
    expect(await listFolder(r.outDir)).toEqual([]);
  });

  it('a JPEG whose header says 20000×20000, as a second style', async () => {
    const r = await stylize(f('in', 'deep.png'), { styles: [style, f('in', 'poster.jpg')] });
    expectOneLine(r, EXIT.input, `style image 2 ${f('in', 'poster.jpg')}: the image is 20000×20000 (400.0 MP), more than the 100.0 MP limit`);
    expect(await listFolder(r.outDir)).toEqual([]);
  });
});

describe('pastiche stylize: file names with accents, spaces and an emoji', () => {
  it('reads them, writes the output under one, and records them in the output', async () => {
    const folder = f('Entrées ✓ 2024');
    await mkdir(folder);
    await writeFile(path.join(folder, UNICODE_PHOTO), cases.find((c) => c.what === 'CMYK JPEG')!.bytes);
    await writeFile(path.join(folder, UNICODE_STYLE), cases.find((c) => c.what === '16-bit PNG with alpha')!.bytes);
    const outDir = f('Sorties – 🌅');
    await mkdir(outDir);
    const out = path.join(outDir, 'café photo 🌅-Ölgemälde – Stil.png');
    const r = await stylize(path.join(folder, UNICODE_PHOTO), { out, styles: [path.join(folder, UNICODE_STYLE)] });
    expect(r.code, r.stderr).toBe(0);
    expect(await listFolder(outDir)).toEqual(['café photo 🌅-Ölgemälde – Stil.png']);
    const bytes = await readFile(out);
    expect((await readRunMetadata(bytes))?.inputs).toEqual({ content: UNICODE_PHOTO, styles: [UNICODE_STYLE] });
    const colours = await halfColours(bytes);
    expect(colourDistance(colours.left, CMYK_RED), `${colours.left}`).toBeLessThanOrEqual(40);
  });
});

describe.skipIf(mountUnavailable !== null)('pastiche stylize: an output folder that refuses writes (tmpfs, so even root is refused)', () => {
  const OLD = 'the user’s earlier result';
  let folder: LimitedFolder | null = null;

  afterEach(() => {
    folder?.release();
    folder = null;
  });

  it('read-only: refused before the run in one line; the existing file (even with --force) and the folder untouched', async () => {
    folder = await readOnlyFolder(f('ro ✓'), { 'result.png': OLD });
    const out = path.join(folder.path, 'result.png');
    const r = await stylize(f('in', 'deep.png'), { out, extra: ['--force'] });
    expectOneLine(r, EXIT.output, `cannot write ${out}: ${folder.path} is on a read-only file system`);
    expect(await readFile(out, 'utf8')).toBe(OLD);
    expect(await listFolder(folder.path)).toEqual(['result.png']);
    expect(await pasticheFiles(r.tmpDir)).toEqual([]);
  });

  it('full: the run finishes, the result goes to the temp folder and the one line says where; the old file is untouched', async () => {
    folder = await fullFolder(f('full ✓'), { 'result.png': OLD });
    const out = path.join(folder.path, 'result.png');
    const r = await stylize(f('in', 'deep.png'), { out, extra: ['--force'] });
    const [saved, ...more] = await pasticheFiles(r.tmpDir);
    expect(saved).toMatch(/^result-pastiche-\d+\.png$/);
    expect(more).toEqual([]);
    expectOneLine(r, EXIT.output, `cannot write ${out}: the disk is full; the result was saved to ${path.join(r.tmpDir, saved!)} instead`);
    expect(await readFile(out, 'utf8')).toBe(OLD);
    expect(await listFolder(folder.path)).toEqual([FILLER, 'result.png']);
    const kept = await halfColours(await readFile(path.join(r.tmpDir, saved!)));
    expect(colourDistance(kept.left, [30, 120, 200])).toBeLessThanOrEqual(RUN_DRIFT);
  });
});

if (mountUnavailable) console.warn(`Skipping the read-only and full output folder tests: ${mountUnavailable}.`);
