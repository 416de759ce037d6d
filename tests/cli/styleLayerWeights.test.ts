import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../main/cli/cliError.js';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { writeSyntheticModelFolder } from '../fixtures/syntheticModelFolder.js';
import { picturePng } from '../fixtures/testImages.js';
import { listFolder } from '../fixtures/tempFolder.js';
import { lastJsonLine, runCli } from './runCli.js';

// `--style-layer-weights`: one per style layer of the model (the synthetic one has relu1_1 and relu2_1).

let root: string;
let home: string;
let model: string;
let content: string;
const f = (name: string) => path.join(root, name);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pastiche-layer-weights-'));
  home = f('home');
  await mkdir(home);
  model = await writeSyntheticModelFolder(f('model'));
  content = f('photo.png');
  await writeFile(content, await picturePng(40, 30));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const stylize = (out: string, ...flags: string[]) =>
  runCli(['stylize', '--content', content, '--style', content, '--model', model, '--size', '24', '--iterations', '2', '--quiet', '--json', '--out', out, ...flags], { home });

describe.concurrent('pastiche stylize --style-layer-weights', () => {
  it('goes into the run, the --json summary and the run record of the result', async () => {
    const out = f('weighted.png');
    const r = await stylize(out, '--style-layer-weights', '2,0.5');
    expect(r.code, r.stderr).toBe(0);
    const summary = lastJsonLine(r.stdout) as { settings: { styleLayerWeights: number[] }; layers: { style: string[]; styleWeights: number[] } };
    expect(summary.settings.styleLayerWeights).toEqual([2, 0.5]);
    expect(summary.layers).toMatchObject({ style: ['relu1_1', 'relu2_1'], styleWeights: [2, 0.5] });
    const record = await readRunMetadata(await readFile(out));
    expect(record?.settings.styleLayerWeights).toEqual([2, 0.5]);
    expect(record?.model.layers.styleWeights).toEqual([2, 0.5]);
    // --settings RESULT repeats it.
    const again = await runCli(['stylize', '--content', content, '--style', content, '--model', model, '--quiet', '--json', '--out', f('again.png'), '--settings', out], { home });
    expect(again.code, again.stderr).toBe(0);
    expect((lastJsonLine(again.stdout) as { settings: { styleLayerWeights: number[] } }).settings.styleLayerWeights).toEqual([2, 0.5]);
  });

  it.each([
    [['--style-layer-weights', '1,1,0.5'], /^pastiche: cannot start the run: --style-layer-weights: 3 style layer weights given for the model's 2 style layers \(relu1_1, relu2_1\); give one per layer, in that order$/],
    [['--style-layer-weights', '0,0'], /^pastiche: --style-layer-weights: at least one weight must be above 0$/],
    [['--style-layer-weights', '1,-2'], /^pastiche: option '--style-layer-weights <w>' argument '1,-2' is invalid\. expected a number ≥ 0/],
  ])('refuses %s with one line and exit code 2', async (flags, message) => {
    const dir = await mkdtemp(path.join(root, 'out-'));
    const r = await stylize(path.join(dir, 'out.png'), ...flags);
    expect(r.code).toBe(EXIT.input);
    expect(r.stderr.trim()).toMatch(message);
    expect(await listFolder(dir)).toEqual([]);
  });
});
