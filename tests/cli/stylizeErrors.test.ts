import { copyFile, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../main/cli/cliError.js';
import { listFolder } from '../fixtures/tempFolder.js';
import { SYNTHETIC_SHARD, writeSyntheticModelFolder } from '../fixtures/syntheticModelFolder.js';
import { blackBilevelPng, pictureJpeg, picturePng } from '../fixtures/testImages.js';
import { runCli, type CliResult } from './runCli.js';

// Every bad input is caught before the run starts: one line on stderr, its exit code, and no file left behind.

let root: string;
let home: string;
let model: string;
let content: string;
let style: string;
const f = (name: string) => path.join(root, name);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pastiche-cli-errors-'));
  home = f('home');
  await mkdir(home);
  model = await writeSyntheticModelFolder(f('model'));
  content = f('content.png');
  style = f('style.jpg');
  const jpeg = await pictureJpeg(64, 48);
  const png = await picturePng(64, 48);
  await writeFile(content, png);
  await writeFile(style, jpeg);
  await writeFile(f('diary.jpg'), 'Dear diary, today I painted a cat.\n');
  await writeFile(f('cut.jpg'), jpeg.subarray(0, Math.floor(jpeg.length * 0.6)));
  await writeFile(f('cut.png'), png.subarray(0, Math.floor(png.length * 0.6)));
  await writeFile(f('empty.jpg'), '');
  await writeFile(f('huge.png'), blackBilevelPng(10_001, 10_000));
  await writeFile(f('a-file'), 'not a folder');
  await writeFile(f('square.png'), await picturePng(20, 20));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A CLI run and the empty folder its output was aimed at (one per run: tests run concurrently). */
interface Outcome extends CliResult {
  outDir: string;
}

async function freshFolder(): Promise<string> {
  return mkdtemp(path.join(root, 'out-'));
}

type Flags = Record<string, string | string[] | true>;

/** Runs `pastiche stylize` with good inputs, overridden by `flags`; `out(dir)` places the output in a fresh folder. */
async function stylize(flags: Flags, out: (dir: string) => string = (dir) => path.join(dir, 'result.png')): Promise<Outcome> {
  const outDir = await freshFolder();
  const all: Flags = { content, style, out: out(outDir), model, size: '32', iterations: '2', ...flags };
  const args = Object.entries(all).flatMap(([k, v]) => (v === true ? [`--${k}`] : [v].flat().flatMap((x) => [`--${k}`, x])));
  return { ...(await runCli(['stylize', ...args], { home })), outDir };
}

/** Runs the CLI with exactly `args` (plus --out in a fresh folder). */
async function runWithOut(args: string[], env?: Record<string, string>): Promise<Outcome> {
  const outDir = await freshFolder();
  return { ...(await runCli([...args, '--out', path.join(outDir, 'result.png')], { home, env })), outDir };
}

async function expectFailure(r: Outcome, code: number, message: string | RegExp): Promise<void> {
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^pastiche: /);
  if (typeof message === 'string') expect(lines[0]).toBe(`pastiche: ${message}`);
  else expect(lines[0]).toMatch(message);
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  expect(await listFolder(r.outDir)).toEqual([]);
}

describe.concurrent('pastiche stylize: bad input images', () => {
  it('a missing content file', async () => {
    await expectFailure(await stylize({ content: f('nope.jpg') }), EXIT.input, `content image ${f('nope.jpg')}: file not found`);
  });

  it('a missing second style image is named as style image 2', async () => {
    await expectFailure(await stylize({ style: [style, f('gone.png')] }), EXIT.input, `style image 2 ${f('gone.png')}: file not found`);
  });

  it('a text file named .jpg', async () => {
    await expectFailure(
      await stylize({ style: f('diary.jpg') }),
      EXIT.input,
      `style image ${f('diary.jpg')}: not an image, or in a format that cannot be read (use JPEG, PNG or WebP)`,
    );
  });

  it('a truncated JPEG', async () => {
    await expectFailure(await stylize({ content: f('cut.jpg') }), EXIT.input, new RegExp(`^pastiche: content image ${f('cut.jpg')}: the image is truncated or corrupt \\(.+\\)$`));
  });

  it('a truncated PNG', async () => {
    await expectFailure(await stylize({ content: f('cut.png') }), EXIT.input, new RegExp(`^pastiche: content image ${f('cut.png')}: the image is truncated or corrupt \\(.+\\)$`));
  });

  it('a zero-byte file', async () => {
    await expectFailure(await stylize({ content: f('empty.jpg') }), EXIT.input, `content image ${f('empty.jpg')}: the file is empty (0 bytes)`);
  });

  it('an image too large to handle (a valid 100-megapixel PNG)', async () => {
    await expectFailure(
      await stylize({ style: f('huge.png') }),
      EXIT.input,
      `style image ${f('huge.png')}: the image is 10001×10000 (100.01 MP), more than the 100.00 MP limit`,
    );
  });
});

describe.concurrent('pastiche stylize: bad model folders', () => {
  it('a model folder that does not exist', async () => {
    await expectFailure(await stylize({ model: f('no-model') }), EXIT.model, `model folder ${f('no-model')} (--model) does not exist`);
  });

  it('no model anywhere: no --model, no PASTICHE_MODEL_DIR, empty model store', async () => {
    const r = await runWithOut(['stylize', '--content', content, '--style', style]);
    await expectFailure(r, EXIT.model, /^pastiche: no VGG19 weights found: run "pastiche model download", or pass --model DIR, or set PASTICHE_MODEL_DIR/);
  });

  it('PASTICHE_MODEL_DIR pointing at a missing folder', async () => {
    const r = await runWithOut(['stylize', '--content', content, '--style', style], { PASTICHE_MODEL_DIR: f('elsewhere') });
    await expectFailure(r, EXIT.model, `model folder ${f('elsewhere')} (PASTICHE_MODEL_DIR) does not exist`);
  });

  it('a model folder with a truncated shard', async () => {
    const broken = f('broken-model');
    await mkdir(broken);
    await copyFile(path.join(model, 'model.json'), path.join(broken, 'model.json'));
    await copyFile(path.join(model, SYNTHETIC_SHARD), path.join(broken, SYNTHETIC_SHARD));
    await truncate(path.join(broken, SYNTHETIC_SHARD), 100_000);
    await expectFailure(
      await stylize({ model: broken }),
      EXIT.model,
      new RegExp(`^pastiche: the model in ${broken} cannot be used: ${SYNTHETIC_SHARD}: truncated: the shards hold 100000 of \\d+ bytes, so tensor block1_conv2/kernel is incomplete$`),
    );
  });

  it('a model folder whose model.json is not JSON', async () => {
    const broken = f('bad-json-model');
    await mkdir(broken);
    await writeFile(path.join(broken, 'model.json'), '{"weightsManifest": [');
    await expectFailure(await stylize({ model: broken }), EXIT.model, new RegExp(`^pastiche: the model in ${broken} cannot be used: model.json: not valid JSON`));
  });
});

describe.concurrent('pastiche stylize: outputs that cannot be written', () => {
  it('an output folder that does not exist', async () => {
    const r = await stylize({}, (dir) => path.join(dir, 'missing', 'result.png'));
    const out = path.join(r.outDir, 'missing', 'result.png');
    await expectFailure(r, EXIT.output, `cannot write ${out}: the folder ${path.dirname(out)} does not exist`);
  });

  it('an output path inside a regular file', async () => {
    const out = path.join(f('a-file'), 'result.png');
    await expectFailure(await stylize({ out }), EXIT.output, `cannot write ${out}: ${f('a-file')} is not a folder`);
  });

  it('an output that is one of the inputs, even with --force', async () => {
    await expectFailure(await stylize({ out: style, force: true }), EXIT.output, `--out ${style} is one of the input images; choose another file name`);
  });

  it('an unsupported output extension', async () => {
    const r = await stylize({}, (dir) => path.join(dir, 'result.bmp'));
    await expectFailure(r, EXIT.output, `--out ${path.join(r.outDir, 'result.bmp')}: ".bmp" is not a supported image type; use one of .png .jpg .jpeg .webp`);
  });
});

describe('pastiche stylize: an existing output file', () => {
  it('is left byte-identical without --force', async () => {
    const dir = f('existing');
    await mkdir(dir);
    const out = path.join(dir, 'keep.png');
    const original = await picturePng(20, 10);
    await writeFile(out, original);
    const r = await stylize({ out });
    expect(r.stderr.trimEnd()).toBe(`pastiche: ${out} already exists; pass --force to replace it`);
    expect(r.code).toBe(EXIT.output);
    expect(await readFile(out)).toEqual(original);
    expect(await listFolder(dir)).toEqual(['keep.png']);
  });
});

describe.concurrent('pastiche stylize: bad flags', () => {
  it('a size that is not a number', async () => {
    await expectFailure(await stylize({ size: 'big' }), EXIT.input, "option '--size <px>' argument 'big' is invalid. expected a whole number from 16 to 4096 (run with --help for usage)");
  });

  it('no threads at all', async () => {
    await expectFailure(await stylize({ threads: '0' }), EXIT.input, "option '--threads <n>' argument '0' is invalid. expected a whole number from 1 to 64 (run with --help for usage)");
  });

  it('an unknown backend', async () => {
    await expectFailure(await stylize({ backend: 'gpu' }), EXIT.input, /^pastiche: option '--backend <name>' argument 'gpu' is invalid\. Allowed choices are wasm, cpu\./);
  });

  it('no --style', async () => {
    const r = await runWithOut(['stylize', '--content', content]);
    await expectFailure(r, EXIT.input, "required option '--style <painting>' not specified (run with --help for usage)");
  });

  it('a style weight count that does not match the styles', async () => {
    await expectFailure(
      await stylize({ style: [style, style], 'style-weight': '1,2,3' }),
      EXIT.input,
      '--style-weight: 3 given for 2 style image(s); give one per --style, in the same order',
    );
  });

  it('a style mask count that does not match the styles', async () => {
    await expectFailure(
      await stylize({ 'style-mask': [content, content] }),
      EXIT.input,
      '--style-mask: 2 given for 1 style image(s); give one per --style, in the same order',
    );
  });

  it('--init image without --init-image', async () => {
    await expectFailure(await stylize({ init: 'image' }), EXIT.input, '--init image needs --init-image FILE');
  });

  it('a keep mask whose proportions differ from the photo', async () => {
    await expectFailure(
      await stylize({ 'keep-mask': f('square.png') }),
      EXIT.input,
      `keep mask ${f('square.png')}: its proportions (32×32 at the working size) differ from the photo's (32×24, ${content}); it must cover the photo exactly`,
    );
  });

  it('a negative style strength', async () => {
    await expectFailure(await stylize({ 'style-strength': '-1' }), EXIT.input, /^pastiche: option '--style-strength <s>' argument '-1' is invalid\. expected a number ≥ 0/);
  });
});
