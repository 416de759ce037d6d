import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../main/cli/cliError.js';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { writeSyntheticModelFolder } from '../fixtures/syntheticModelFolder.js';
import { pictureJpeg, picturePng } from '../fixtures/testImages.js';
import { lastJsonLine, runCli } from './runCli.js';

// `pastiche stylize --edge-padding zero|replicate` (conv1_1's padding), on the small synthetic model.

let root: string;
let home: string;
let model: string;
let content: string;
let style: string;
const f = (name: string) => path.join(root, name);
const stylize = (...args: string[]) =>
  runCli(['stylize', '--content', content, '--style', style, '--model', model, '--size', '32', '--iterations', '3', '--quiet', '--json', ...args], { home });

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pastiche-cli-edge-'));
  home = f('home');
  await mkdir(home);
  model = await writeSyntheticModelFolder(f('model'));
  content = f('photo.jpg');
  style = f('painting.png');
  await writeFile(content, await pictureJpeg(48, 32));
  await writeFile(style, await picturePng(40, 40));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('pastiche stylize --edge-padding', () => {
  it('is documented with its choices and default', async () => {
    const r = await runCli(['stylize', '--help'], { home });
    expect(r.code).toBe(0);
    const flat = r.stdout.replace(/\s+/g, ' ');
    expect(flat).toMatch(/--edge-padding <mode> what the network's first layer sees past the picture's edge: .* \(choices: "zero", "replicate", default: "(zero|replicate)"\)/);
  });

  it('refuses another mode, naming the choices', async () => {
    const r = await stylize('--edge-padding', 'mirror', '--out', f('never.png'));
    expect(r.code).toBe(EXIT.input);
    expect(r.stderr).toMatch(/^pastiche: option '--edge-padding <mode>' argument 'mirror' is invalid\. Allowed choices are zero, replicate\./);
  });

  it('paints with either, records the mode in the result, and a settings file carries it', async () => {
    const pixels = async (file: string) => (await sharp(file).raw().toBuffer()).toString('base64');
    const runs = [];
    for (const edge of ['zero', 'replicate']) {
      const out = f(`${edge}.png`);
      const r = await stylize('--edge-padding', edge, '--out', out);
      expect(r.code, r.stderr).toBe(0);
      expect(lastJsonLine(r.stdout).settings).toMatchObject({ edgePadding: edge });
      expect((await readRunMetadata(await readFile(out)))?.settings.edgePadding).toBe(edge);
      runs.push(await pixels(out));
    }
    // The padding changes the picture (the synthetic network sees the edges differently).
    expect(runs[0]).not.toBe(runs[1]);

    const file = f('settings.json');
    await writeFile(file, JSON.stringify({ edgePadding: 'replicate' }));
    const again = await stylize('--settings', file, '--out', f('again.png'));
    expect(again.code, again.stderr).toBe(0);
    expect(lastJsonLine(again.stdout).settings).toMatchObject({ edgePadding: 'replicate' });
    expect(await pixels(f('again.png'))).toBe(runs[1]);
  });
});
