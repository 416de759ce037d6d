import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../main/cli/cliError.js';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { lastJsonLine, runCli, type CliResult } from '../cli/runCli.js';
import { brokenCases, CMYK_RED, decodeCases, hugePngFile, UNICODE_PHOTO, UNICODE_STYLE, type DecodeCase } from '../fixtures/badImages.js';
import { FILLER, fullFolder, mountUnavailable, readOnlyFolder, type LimitedFolder } from '../fixtures/limitedFolders.js';
import { listFolder } from '../fixtures/tempFolder.js';
import { writeSyntheticModelFolder } from '../fixtures/syntheticModelFolder.js';
import { colourDistance, halfColours } from './regionColour.js';

// `pastiche batch` over a folder of awkward, broken and huge photos with unicode names: one run shows every photo
// decoded to the right colours or reported and skipped; output folders that refuse writes cost the user nothing.

let root: string;
let home: string;
let model: string;
let style: string;
let photos: string;
let cases: DecodeCase[];
const f = (...names: string[]) => path.join(root, ...names);

const STYLE_TAG = path.parse(UNICODE_STYLE).name;
const resultName = (photo: string) => `${path.parse(photo).name}-${STYLE_TAG}.png`;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pastiche-bad-batch-'));
  home = f('home');
  await mkdir(home);
  model = await writeSyntheticModelFolder(f('model'));
  cases = await decodeCases();
  photos = f('Photos de vacances ✓');
  await mkdir(photos);
  for (const c of cases) await writeFile(path.join(photos, c.name), c.bytes);
  await writeFile(path.join(photos, UNICODE_PHOTO), cases.find((c) => c.what === 'CMYK JPEG')!.bytes);
  for (const c of Object.values(await brokenCases())) await writeFile(path.join(photos, c.name), c.bytes);
  await copyFile(await hugePngFile(), path.join(photos, 'panorama.png'));
  style = f(UNICODE_STYLE);
  await writeFile(style, cases.find((c) => c.what === '16-bit RGB PNG')!.bytes);
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs keep the photo (style strength 0, no smoothing, one scale), so each result shows how its photo was decoded. */
async function batch(input: string, out: string, extra: string[] = []): Promise<CliResult & { tmpDir: string }> {
  const tmpDir = await mkdtemp(f('tmp-'));
  const args = ['batch', '--input', input, '--style', style, '--out', out, '--model', model, '--size', '48', '--start-size', '48', '--iterations', '1', '--style-strength', '0', '--smoothness', '0', ...extra];
  return { ...(await runCli(args, { home, env: { TMPDIR: tmpDir } })), tmpDir };
}

/** What Pastiche left in a temp folder (tsx, when the CLI runs from source, keeps its cache there too). */
async function pasticheFiles(dir: string): Promise<string[]> {
  return (await listFolder(dir)).filter((name) => !name.startsWith('tsx-'));
}

describe('pastiche batch over a folder of awkward, broken and huge photos', () => {
  it('decodes 16-bit, CMYK, alpha and greyscale photos to their colours, reports each bad one in a line, and goes on', async () => {
    const out = f('Résultats – 🌅');
    await mkdir(out);
    const r = await batch(photos, out, ['--json', '--quiet']);
    expect(r.code, r.stderr).toBe(EXIT.failure);
    const items = lastJsonLine(r.stdout).items as { input: string; status: string; message?: string }[];
    const status = Object.fromEntries(items.map((i) => [i.input, i.status]));
    for (const c of cases) expect(status[c.name], c.what).toBe('done');
    expect(status[UNICODE_PHOTO]).toBe('done');

    const failed = Object.fromEntries(items.filter((i) => i.status === 'failed').map((i) => [i.input, i.message]));
    const inPhotos = (name: string) => `content image ${path.join(photos, name)}`;
    expect(failed).toEqual({
      'empty.png': `${inPhotos('empty.png')}: the file is empty (0 bytes)`,
      'letter.jpg': `${inPhotos('letter.jpg')}: not an image, or in a format that cannot be read (use JPEG, PNG or WebP)`,
      'cut.jpg': expect.stringMatching(/: the image is truncated or corrupt \(.+\)$/),
      'cut.png': expect.stringMatching(/: the image is truncated or corrupt \(.+\)$/),
      'poster.jpg': `${inPhotos('poster.jpg')}: the image is 20000×20000 (400.0 MP), more than the 100.0 MP limit`,
      'panorama.png': `${inPhotos('panorama.png')}: the image is 20000×20000 (400.0 MP), more than the 100.0 MP limit`,
    });
    const failureLines = r.stderr.split('\n').filter((l) => / failed: /.test(l));
    expect(failureLines).toHaveLength(6);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(`pastiche: batch finished: 8 done, 0 skipped, 6 failed (of 14)`);

    // Only the results, under names built from the unicode names; each decodes to its photo's colours.
    expect(await listFolder(out)).toEqual([...cases.map((c) => resultName(c.name)), resultName(UNICODE_PHOTO)].sort());
    for (const c of cases) {
      const result = await halfColours(await readFile(path.join(out, resultName(c.name))));
      expect([result.width, result.height], c.what).toEqual([48, 32]);
      expect(colourDistance(result.left, c.left), `${c.what}: left ${result.left} vs ${c.left}`).toBeLessThanOrEqual(c.tolerance + 2);
      expect(colourDistance(result.right, c.right), `${c.what}: right ${result.right} vs ${c.right}`).toBeLessThanOrEqual(c.tolerance + 2);
    }
    const unicodeResult = await readFile(path.join(out, resultName(UNICODE_PHOTO)));
    expect((await readRunMetadata(unicodeResult))?.inputs).toEqual({ content: UNICODE_PHOTO, styles: [UNICODE_STYLE] });
    expect(colourDistance((await halfColours(unicodeResult)).left, CMYK_RED)).toBeLessThanOrEqual(40);
    expect(await pasticheFiles(r.tmpDir)).toEqual([]);
  }, 120_000);
});

describe.skipIf(mountUnavailable !== null)('pastiche batch with an output folder that refuses writes (tmpfs, so even root is refused)', () => {
  const OLD = 'the user’s earlier result';
  let folder: LimitedFolder | null = null;
  let input: string;

  beforeAll(async () => {
    input = f('one photo');
    await mkdir(input);
    await writeFile(path.join(input, 'deep.png'), cases[0]!.bytes);
  });

  afterEach(() => {
    folder?.release();
    folder = null;
  });

  it('read-only: refused before any work in one line; the files there untouched', async () => {
    folder = await readOnlyFolder(f('ro ✓'), { [resultName('deep.png')]: OLD });
    const r = await batch(input, folder.path, ['--force']);
    const out = path.join(folder.path, resultName('deep.png'));
    expect(r.stderr).toBe(`pastiche: cannot write ${out}: ${folder.path} is on a read-only file system\n`);
    expect(r.code).toBe(EXIT.output);
    expect(await readFile(out, 'utf8')).toBe(OLD);
    expect(await listFolder(folder.path)).toEqual([resultName('deep.png')]);
    expect(await pasticheFiles(r.tmpDir)).toEqual([]);
  });

  it('full: the photo\'s result goes to the temp folder, the line says where, and the batch stops; old files untouched', async () => {
    folder = await fullFolder(f('full ✓'), { [resultName('deep.png')]: OLD });
    const r = await batch(input, folder.path, ['--force', '--quiet']);
    const out = path.join(folder.path, resultName('deep.png'));
    const [saved, ...more] = await pasticheFiles(r.tmpDir);
    expect(more).toEqual([]);
    expect(r.stderr).toBe(
      `pastiche: cannot write ${out}: the disk is full; the result was saved to ${path.join(r.tmpDir, saved!)} instead; batch finished: 0 done, 0 skipped, 1 failed (of 1)\n`,
    );
    expect(r.code).toBe(EXIT.output);
    expect(await readFile(out, 'utf8')).toBe(OLD);
    expect(await listFolder(folder.path)).toEqual([FILLER, resultName('deep.png')].sort());
    expect(colourDistance((await halfColours(await readFile(path.join(r.tmpDir, saved!)))).left, cases[0]!.left)).toBeLessThanOrEqual(2);
  });
});

if (mountUnavailable) console.warn(`Skipping the read-only and full output folder tests: ${mountUnavailable}.`);
