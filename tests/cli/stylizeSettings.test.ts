import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import { EXIT } from '../../main/cli/cliError.js';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { listFolder } from '../fixtures/tempFolder.js';
import { writeSyntheticModelFolder } from '../fixtures/syntheticModelFolder.js';
import { pictureJpeg, picturePng } from '../fixtures/testImages.js';
import { lastJsonLine, runCli } from './runCli.js';

// `pastiche stylize --settings FILE` and the metadata every result carries, on the small synthetic model.

let root: string;
let home: string;
let model: string;
let content: string;
let style: string;
let first: { out: string; settings: Record<string, unknown>; summary: Record<string, unknown> };
const f = (name: string) => path.join(root, name);

const baseArgs = () => ['stylize', '--content', content, '--style', style, '--model', model, '--quiet', '--json'];
/** Flags that differ from every default, so a setting that was not carried over shows. */
const TUNED = ['--size', '32', '--iterations', '3', '--style-strength', '3', '--seed', '9', '--pooling', 'avg', '--colour', 'original', '--smoothness', '0.5', '--optimizer', 'adam', '--learning-rate', '0.05', '--start-size', '24'];

const rawPixels = async (file: string) => (await sharp(file).raw().toBuffer()).toString('base64');

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pastiche-cli-settings-'));
  home = f('home');
  await mkdir(home);
  model = await writeSyntheticModelFolder(f('model'));
  content = f('Photo à la mer.jpg');
  style = f('peinture 1.png');
  await writeFile(content, await pictureJpeg(72, 48));
  await writeFile(style, await picturePng(40, 40));
  const out = f('first.png');
  const r = await runCli([...baseArgs(), ...TUNED, '--out', out], { home });
  expect(r.code, r.stderr).toBe(0);
  const summary = lastJsonLine(r.stdout);
  first = { out, settings: summary.settings as Record<string, unknown>, summary };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('metadata in every stylize result', () => {
  it('records the settings, seed, model, layers and input file names, which read back as written', async () => {
    const record = await readRunMetadata(await readFile(first.out));
    const pkg = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(record).toMatchObject({
      app: 'Pastiche',
      appVersion: pkg.version,
      settings: first.settings,
      seed: 9,
      model: { location: model, layers: first.summary.layers },
      inputs: { content: 'Photo à la mer.jpg', styles: ['peinture 1.png'] },
    });
    expect(record?.stopped).toBeUndefined();
    expect(Date.now() - Date.parse(record!.createdAt)).toBeLessThan(10 * 60_000);
    expect(first.settings).toMatchObject({ size: 32, iterations: 3, styleStrength: 3, seed: 9, pooling: 'avg', colour: 'original' });
  });
});

describe.concurrent('pastiche stylize --settings', () => {
  it('from an exported PNG repeats the run: the same settings and the very same pixels', async () => {
    const out = f('again.png');
    const r = await runCli([...baseArgs(), '--settings', first.out, '--out', out], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(lastJsonLine(r.stdout).settings).toEqual(first.settings);
    expect(await rawPixels(out)).toBe(await rawPixels(first.out));
  });

  it('from an exported JPEG (XMP) too, and flags given on the command line win', async () => {
    const jpeg = f('first.jpg');
    const a = await runCli([...baseArgs(), '--settings', first.out, '--out', jpeg], { home });
    expect(a.code, a.stderr).toBe(0);
    expect((await readRunMetadata(await readFile(jpeg)))?.settings).toEqual(first.settings);

    const out = f('overridden.webp');
    const b = await runCli([...baseArgs(), '--settings', jpeg, '--seed', '4', '--iterations', '2', '--colour', 'style', '--out', out], { home });
    expect(b.code, b.stderr).toBe(0);
    const expected = { ...first.settings, seed: 4, iterations: 2, colour: 'style' };
    expect(lastJsonLine(b.stdout).settings).toEqual(expected);
    expect((await readRunMetadata(await readFile(out)))?.settings).toEqual(expected);
  });

  it('from a JSON file with some settings: the rest are the defaults, and flags win', async () => {
    const file = f('my settings.json');
    await writeFile(file, JSON.stringify({ size: 40, styleStrength: 2, iterations: 2, pooling: 'avg', styleScale: 1.5 }));
    const out = f('from-json.png');
    const r = await runCli([...baseArgs(), '--settings', file, '--size', '32', '--out', out], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(lastJsonLine(r.stdout).settings).toEqual({ ...DEFAULT_SETTINGS, previewSeconds: 10, size: 32, styleStrength: 2, iterations: 2, pooling: 'avg', styleScale: 1.5 });
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([32, 21]);
  });

  it('from a --json summary, which holds the settings under "settings"', async () => {
    const file = f('summary.json');
    await writeFile(file, `${JSON.stringify(first.summary)}\n`);
    const out = f('from-summary.png');
    const r = await runCli([...baseArgs(), '--settings', file, '--out', out], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(lastJsonLine(r.stdout).settings).toEqual(first.settings);
  });
});

describe.concurrent('pastiche stylize --settings with a bad file', () => {
  const cases: [string, () => Promise<string>, (file: string) => string, string[]?][] = [
    ['a missing file', async () => f('nowhere.json'), (file) => `pastiche: --settings ${file}: file not found`],
    ['invalid JSON', async () => write('broken.json', '{"size": 32,'), (file) => `pastiche: --settings ${file}: is not valid JSON (`],
    ['a setting out of range', async () => write('small.json', '{"size": 3}'), (file) => `pastiche: --settings ${file}: invalid settings (settings: size must be a whole number ≥ 16 (got 3))`],
    ['a misspelt setting', async () => write('typo.json', '{"styleStrenght": 2}'), (file) => `pastiche: --settings ${file}: invalid settings (settings: Unrecognized key: "styleStrenght")`],
    ['a wrong type', async () => write('type.json', '{"pooling": "median"}'), (file) => `pastiche: --settings ${file}: invalid settings (settings.pooling: `],
    ['an image without Pastiche metadata', async () => style, (file) => `pastiche: --settings ${file}: this image carries no Pastiche settings (it was not exported by Pastiche, or its metadata was removed)`],
    ['a text file', async () => write('notes.txt', 'size = 512\n'), (file) => `pastiche: --settings ${file}: is neither a JSON settings file nor an image exported by Pastiche`],
    ['an empty file', async () => write('empty.json', ''), (file) => `pastiche: --settings ${file}: the file is empty (0 bytes)`],
    [
      'settings that start from an image, without --init-image',
      async () => write('init.json', '{"init": "image"}'),
      (file) => `pastiche: --settings ${file}: these settings start from a given image (init "image"); give --init-image FILE, or --init content or noise`,
    ],
    [
      'style weights for another number of styles',
      async () => write('blend.json', '{"styleBlend": [2, 1]}'),
      (file) => `pastiche: --settings ${file}: its style weights (2,1) are for 2 style image(s), but 1 --style given; pass --style-weight`,
    ],
  ];

  async function write(name: string, text: string): Promise<string> {
    await writeFile(f(name), text);
    return f(name);
  }

  for (const [what, make, message] of cases) {
    it(`refuses ${what} with one line naming the file, before any work`, async () => {
      const file = await make();
      const dir = await mkdtemp(path.join(root, 'out-'));
      const r = await runCli([...baseArgs(), '--settings', file, '--out', path.join(dir, 'r.png')], { home });
      expect(r.code).toBe(EXIT.input);
      expect(r.stderr.startsWith(message(file)), r.stderr).toBe(true);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(await listFolder(dir)).toEqual([]);
    });
  }

  it('takes --init content over settings that start from an image', async () => {
    const file = await write('init2.json', '{"init": "image", "size": 32, "iterations": 1}');
    const r = await runCli([...baseArgs(), '--settings', file, '--init', 'content', '--out', f('init-content.png')], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(lastJsonLine(r.stdout).settings).toMatchObject({ init: 'content', size: 32, iterations: 1 });
  });
});
