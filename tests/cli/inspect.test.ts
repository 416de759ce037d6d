import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { interpolateViridis } from 'd3-scale-chromatic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../main/cli/cliError.js';
import { decodeImageFile } from '../../main/node/image/decodeImage.js';
import { mapsSheet } from '../../main/node/inspect/layerSheets.js';
import { sheetGeometry } from '../../main/node/inspect/inspectionSheet.js';
import { colourLut } from '../../app/inspect/colourMap.js';
import { writeSyntheticModelFolder } from '../fixtures/syntheticModelFolder.js';
import { picturePng } from '../fixtures/testImages.js';
import { listFolder } from '../fixtures/tempFolder.js';
import { caffeInput, naiveVgg, rawTensors } from '../engine/naiveVgg.js';
import { HAS_REAL_WEIGHTS, REAL_WEIGHTS_DIR, SHARED_IMAGES_DIR } from '../engine/realWeights.js';
import { lastJsonLine, runCli } from './runCli.js';

let root: string;
let home: string;
let model: string;
let photo: string;
const f = (name: string) => path.join(root, name);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pastiche-inspect-'));
  home = f('home');
  await mkdir(home);
  model = await writeSyntheticModelFolder(f('model'));
  photo = f('photo.png');
  await writeFile(photo, await picturePng(40, 30));
  await writeFile(f('diary.jpg'), 'Dear diary, today I painted a cat.\n');
  await writeFile(f('taken.png'), 'already here');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const inspect = (...args: string[]) => runCli(['inspect', ...args], { home });

describe.concurrent('pastiche inspect: bad input is one line and its exit code, and leaves no file', () => {
  it.each([
    ['a missing image', ['--image', 'nowhere.png', '--layer', 'relu1_1', '--json'], EXIT.input, /^pastiche: image nowhere\.png: file not found$/],
    ['a file that is not an image', ['--image', 'DIARY', '--layer', 'relu1_1', '--json'], EXIT.input, /diary\.jpg: not an image/],
    ['an unknown layer', ['--image', 'PHOTO', '--layer', 'relu4_2', '--json'], EXIT.input, /^pastiche: --layer relu4_2: the model has no such layer; it has relu1_1, relu1_2, relu2_1, relu2_2$/],
    ['a channel out of range', ['--image', 'PHOTO', '--layer', 'relu1_1', '--patches', '64', '--out', 'OUT'], EXIT.input, /^pastiche: --patches 64: out of range; relu1_1 has channels 0–63$/],
    ['a listed channel out of range', ['--image', 'PHOTO', '--layer', 'relu2_1', '--channels', '3,128', '--out', 'OUT'], EXIT.input, /--channels 128: out of range; relu2_1 has channels 0–127/],
    ['--channels with --top', ['--image', 'PHOTO', '--layer', 'relu1_1', '--channels', '1', '--top', '4', '--json'], EXIT.input, /--channels and --top cannot be combined/],
    ['neither --out nor --json', ['--image', 'PHOTO', '--layer', 'relu1_1'], EXIT.input, /give --out FILE\.png for a picture, --json for the numbers, or both/],
    ['an output that is not PNG', ['--image', 'PHOTO', '--layer', 'relu1_1', '--out', 'OUT.jpg'], EXIT.output, /use a \.png file name/],
    ['an output folder that does not exist', ['--image', 'PHOTO', '--layer', 'relu1_1', '--out', 'MISSING/maps.png'], EXIT.output, /^pastiche: .*missing/i],
    ['an existing output without --force', ['--image', 'PHOTO', '--layer', 'relu1_1', '--out', 'TAKEN'], EXIT.output, /taken\.png.*pass --force to replace it/],
    ['a model folder without weights', ['--image', 'PHOTO', '--layer', 'relu1_1', '--json', '--model', 'HOME'], EXIT.model, /^pastiche: /],
  ] as const)('%s', async (_, args, code, message) => {
    const out = await mkdtemp(path.join(root, 'out-'));
    const real = args.map((a) =>
      a === 'PHOTO' ? photo : a === 'DIARY' ? f('diary.jpg') : a === 'OUT' ? path.join(out, 'maps.png') : a === 'OUT.jpg' ? path.join(out, 'maps.jpg') : a === 'TAKEN' ? f('taken.png') : a === 'HOME' ? home : a === 'MISSING/maps.png' ? path.join(out, 'missing', 'maps.png') : a,
    );
    const needsModel = !real.includes('--model');
    const r = await inspect(...real, ...(needsModel ? ['--model', model] : []));
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stdout).toBe('');
    expect(await listFolder(out)).toEqual([]);
    expect(await readFile(f('taken.png'), 'utf8')).toBe('already here');
  });
});

describe('pastiche inspect: pictures', () => {
  it('writes feature maps, patches and Gram sheets as PNG files that decode', async () => {
    for (const view of [[], ['--patches', '3'], ['--gram'], ['--channels', '0,5,9', '--grey']]) {
      const out = f(`sheet-${view.join('')}.png`);
      const r = await inspect('--image', photo, '--layer', 'relu2_1', '--out', out, '--model', model, '--size', '32', ...view);
      expect(r.code, r.stderr).toBe(0);
      const meta = await sharp(out).metadata();
      expect(meta.format).toBe('png');
      expect(meta.width! * meta.height!).toBeGreaterThan(100 * 100);
    }
  });

  it('paints each map through the viridis colour map, 0 to the channel maximum', async () => {
    // One channel, 2 × 2: 0, a third, two thirds and all of the maximum.
    const activation = { height: 2, width: 2, channels: 1, values: [0, 1, 2, 3] };
    const png = await mapsSheet({ title: 'test', activation, channels: [0], mean: [1.5], max: [3], grey: false });
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const cell = sheetGeometry([{ width: 2, height: 2 }], { title: 'test · each map from 0 to its maximum', columns: 1, tile: 200 }).cells[0]!;
    const lut = colourLut(interpolateViridis);
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    const quarter = cell.width / 4;
    expect(at(cell.left + quarter, cell.top + quarter)).toEqual([...lut.subarray(0, 3)]);
    expect(at(cell.left + 3 * quarter, cell.top + quarter)).toEqual([...lut.subarray(85 * 3, 86 * 3)]);
    expect(at(cell.left + 3 * quarter, cell.top + 3 * quarter)).toEqual([...lut.subarray(255 * 3, 256 * 3)]);
  });
});

describe.skipIf(!HAS_REAL_WEIGHTS)('pastiche inspect --json on the real weights', () => {
  it('gives the per-channel mean and max of the naive float64 network on the image at --size', async () => {
    const image = path.join(SHARED_IMAGES_DIR, 'chelsea.jpg');
    const r = await inspect('--image', image, '--layer', 'relu2_1', '--json', '--size', '24', '--model', REAL_WEIGHTS_DIR);
    expect(r.code, r.stderr).toBe(0);
    const summary = lastJsonLine(r.stdout) as { layer: string; width: number; height: number; channels: number; mean: number[]; max: number[] };
    expect(Object.keys(summary)).toEqual(['layer', 'width', 'height', 'channels', 'mean', 'max']);
    // The run's preprocessing: the photo resized (Lanczos) so its longest side is --size: 24 × 16 for 451 × 300.
    const rgba = await decodeImageFile(image, { longestSide: 24, enlarge: true });
    expect([rgba.width, rgba.height]).toEqual([24, 16]);
    const rgb = Float32Array.from({ length: 24 * 16 * 3 }, (_, i) => rgba.data[Math.floor(i / 3) * 4 + (i % 3)]! / 255);
    const ref = naiveVgg(rawTensors(REAL_WEIGHTS_DIR), caffeInput(rgb, 16, 24)).get('relu2_1')!;
    expect([summary.layer, summary.width, summary.height, summary.channels]).toEqual(['relu2_1', ref.w, ref.h, ref.c]);
    const positions = ref.w * ref.h;
    const mean = Array.from({ length: ref.c }, (_, c) => Array.from({ length: positions }, (_, p) => ref.v[p * ref.c + c]!).reduce((a, b) => a + b, 0) / positions);
    const max = Array.from({ length: ref.c }, (_, c) => Math.max(...Array.from({ length: positions }, (_, p) => ref.v[p * ref.c + c]!)));
    const scale = Math.max(...max);
    expect(Math.max(...mean.map((m, c) => Math.abs(m - summary.mean[c]!))) / scale).toBeLessThan(1e-5);
    expect(Math.max(...max.map((m, c) => Math.abs(m - summary.max[c]!))) / scale).toBeLessThan(1e-5);
  });
});
