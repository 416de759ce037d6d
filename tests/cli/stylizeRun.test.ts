import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../main/cli/cliError.js';
import { listFolder } from '../fixtures/tempFolder.js';
import { writeSyntheticModelFolder } from '../fixtures/syntheticModelFolder.js';
import { pictureJpeg, picturePng, pictureRgb } from '../fixtures/testImages.js';
import { collect, lastJsonLine, runCli, spawnCli } from './runCli.js';

// Whole runs of the CLI on a small synthetic model (conv1_1 … conv2_2): quick, and the same code path as
// the real weights. Whether the result looks painted is checked with the real weights in stylizeRealWeights.

let root: string;
let home: string;
let model: string;
let content: string;
let style: string;
let folderCount = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pastiche-cli-run-'));
  home = path.join(root, 'home');
  await mkdir(home);
  model = await writeSyntheticModelFolder(path.join(root, 'model'));
  content = path.join(root, 'photo.jpg');
  style = path.join(root, 'painting.png');
  await writeFile(content, await pictureJpeg(90, 60));
  await writeFile(style, await picturePng(50, 70));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function outFolder(): Promise<string> {
  const dir = path.join(root, `out-${++folderCount}`);
  await mkdir(dir);
  return dir;
}

const baseArgs = () => ['stylize', '--content', content, '--style', style, '--model', model];

describe.concurrent('pastiche stylize on a synthetic model', () => {
  it('writes a PNG at --size, reports progress on stderr and a JSON summary as the last stdout line', async () => {
    const dir = await outFolder();
    const out = path.join(dir, 'result.png');
    const r = await runCli([...baseArgs(), '--out', out, '--size', '48', '--iterations', '12', '--start-size', '32', '--json'], { home });
    expect(r.code, r.stderr).toBe(0);

    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 48, 32]);
    expect(await listFolder(dir)).toEqual(['result.png']);

    const summary = lastJsonLine(r.stdout);
    expect(summary).toMatchObject({
      output: out,
      format: 'png',
      width: 48,
      height: 32,
      iterations: 12,
      requestedIterations: 12,
      stopped: false,
      backend: 'wasm',
      threads: os.availableParallelism(),
      model,
      content,
      styles: [style],
      layers: { content: ['relu2_2'], style: ['relu1_1', 'relu2_1'], styleWeights: [1, 1] },
    });
    // 48/√2 ≈ 34 px then 48 px, the larger scale with fewer iterations (12 split 1 : 0.75).
    expect(summary.scales).toEqual([
      { width: 34, height: 23, iterations: 7 },
      { width: 48, height: 32, iterations: 5 },
    ]);
    const costs = summary.costs as Record<string, number>;
    for (const k of ['total', 'content', 'style', 'smoothness']) expect(Number.isFinite(costs[k])).toBe(true);
    expect(summary.seconds as number).toBeGreaterThan(0);
    expect(summary.medianSecondsPerIteration as number).toBeGreaterThan(0);
    expect(summary.medianSecondsPerIteration as number).toBeLessThanOrEqual(summary.seconds as number);

    const lines = r.stderr.trimEnd().split('\n');
    const threads = os.availableParallelism() === 1 ? '1 thread' : `${os.availableParallelism()} worker threads`;
    expect(lines[0]).toBe(`pastiche: wasm backend, ${threads}, model ${model} (layers: content relu2_2; style relu1_1, relu2_1)`);
    expect(lines.filter((l) => /^iteration 12\/12 · scale 2\/2 48×32 · [\d.]+ it\/s · ETA \S+ · cost [\d.e+-]+ \(content /.test(l))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('iteration '))).toHaveLength(10);
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^pastiche: wrote ${out} \\(48×32, 12 iterations in \\d+s\\)$`));
  });

  it('writes JPEG and WebP by extension, and --quiet leaves stderr empty', async () => {
    const dir = await outFolder();
    for (const [name, format] of [
      ['r.jpg', 'jpeg'],
      ['r.webp', 'webp'],
    ]) {
      const out = path.join(dir, name);
      const r = await runCli([...baseArgs(), '--out', out, '--size', '32', '--iterations', '2', '--quiet'], { home });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('');
      const meta = await sharp(out).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([format, 32, 21]);
    }
    expect(await listFolder(dir)).toEqual(['r.jpg', 'r.webp']);
  });

  it('replaces an existing output with --force', async () => {
    const dir = await outFolder();
    const out = path.join(dir, 'result.png');
    await writeFile(out, 'an old result');
    const r = await runCli([...baseArgs(), '--out', out, '--size', '32', '--iterations', '2', '--force', '--quiet'], { home });
    expect(r.code, r.stderr).toBe(0);
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 32, 21]);
    expect(await listFolder(dir)).toEqual(['result.png']);
  });

  it('repeats a result exactly for the same --seed, and differs for another', async () => {
    const dir = await outFolder();
    const run = async (seed: number, name: string) => {
      const out = path.join(dir, name);
      const r = await runCli([...baseArgs(), '--out', out, '--size', '32', '--iterations', '3', '--init', 'noise', '--seed', String(seed), '--quiet'], { home });
      expect(r.code, r.stderr).toBe(0);
      return (await sharp(out).raw().toBuffer()).toString('base64');
    };
    const a = await run(7, 'a.png');
    const b = await run(7, 'b.png');
    const c = await run(8, 'c.png');
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('blends several styles with --style-weight: the pixels follow the weights, and the settings are reported', async () => {
    const dir = await outFolder();
    const second = path.join(root, 'second.jpg');
    const { data } = pictureRgb(40, 40);
    await sharp(data, { raw: { width: 40, height: 40, channels: 3 } }).negate().jpeg().toFile(second);
    const run = async (name: string, styleArgs: string[]) => {
      const out = path.join(dir, name);
      const args = ['stylize', '--content', content, ...styleArgs, '--model', model, '--out', out, '--size', '32', '--iterations', '3'];
      const r = await runCli([...args, '--optimizer', 'adam', '--pooling', 'avg', '--colour', 'original', '--json', '--quiet'], { home });
      expect(r.code, r.stderr).toBe(0);
      return { pixels: await sharp(out).raw().toBuffer(), summary: lastJsonLine(r.stdout) };
    };
    const [onlySecond, zeroOne, twoOne] = await Promise.all([
      run('second.png', ['--style', second]),
      run('zero-one.png', ['--style', style, '--style', second, '--style-weight', '0,1']),
      run('two-one.png', ['--style', style, '--style', second, '--style-weight', '2,1']),
    ]);
    // A weight of 0 removes a style exactly (its Gram matrices are multiplied by 0), so "0,1" is the second style
    // alone: a CLI that ignored the weights (an even blend) or the second style (the first alone) would differ.
    expect(zeroOne.pixels.equals(onlySecond.pixels), '--style-weight 0,1 is the second style alone').toBe(true);
    expect(twoOne.pixels.equals(onlySecond.pixels), 'the 2:1 blend differs from the second style alone').toBe(false);
    expect(twoOne.summary.styles).toEqual([style, second]);
    expect(twoOne.summary.settings).toMatchObject({ styleBlend: [2, 1], pooling: 'avg', colour: 'original', size: 32, iterations: 3 });
  });

  it('keeps the photo untouched under --keep-mask while the rest changes', async () => {
    const dir = await outFolder();
    const out = path.join(dir, 'kept.png');
    // White on the left half of a mask with the photo's 3:2 proportions.
    const mask = path.join(root, 'left-half.png');
    const maskPixels = Buffer.alloc(60 * 40, 0).map((_, i) => (i % 60 < 30 ? 255 : 0));
    await sharp(maskPixels, { raw: { width: 60, height: 40, channels: 1 } }).png().toFile(mask);
    const r = await runCli(
      [...baseArgs(), '--keep-mask', mask, '--init', 'noise', '--out', out, '--size', '48', '--iterations', '3', '--quiet'],
      { home },
    );
    expect(r.code, r.stderr).toBe(0);
    const result = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    const photo = await sharp(content).resize(48, 32, { kernel: 'lanczos3', fit: 'fill' }).raw().toBuffer();
    const meanDifference = (x0: number, x1: number) => {
      let sum = 0;
      let n = 0;
      for (let y = 0; y < 32; y++) {
        for (let x = x0; x < x1; x++) {
          for (let c = 0; c < 3; c++) sum += Math.abs(result.data[(y * 48 + x) * 3 + c]! - photo[(y * 48 + x) * 3 + c]!);
          n += 3;
        }
      }
      return sum / n;
    };
    // Away from the mask's edge (the engine feathers it when resizing): the photo on the left, noise on the right.
    expect(meanDifference(0, 20)).toBeLessThan(3);
    expect(meanDifference(28, 48)).toBeGreaterThan(30);
  });

  it('shares each step with --threads worker threads, and paints the picture one thread paints (Adam: no amplified rounding)', async () => {
    const dir = await outFolder();
    const paint = async (threads: number) => {
      const out = path.join(dir, `threads-${threads}.png`);
      const r = await runCli([...baseArgs(), '--out', out, '--size', '64', '--iterations', '12', '--optimizer', 'adam', '--threads', String(threads)], { home });
      expect(r.code, r.stderr).toBe(0);
      return { announced: r.stderr.split('\n')[0], pixels: await sharp(out).raw().toBuffer() };
    };
    const one = await paint(1);
    const three = await paint(3);
    expect(one.announced).toContain('wasm backend, 1 thread, model');
    expect(three.announced).toContain('wasm backend, 3 worker threads, model');
    let diff = 0;
    for (let i = 0; i < one.pixels.length; i++) diff += Math.abs(one.pixels[i]! - three.pixels[i]!);
    expect(diff / one.pixels.length).toBeLessThan(0.5);
  });

  it('runs with --optimizer lbfgs', async () => {
    const dir = await outFolder();
    const out = path.join(dir, 'lbfgs.png');
    const r = await runCli([...baseArgs(), '--optimizer', 'lbfgs', '--out', out, '--size', '32', '--iterations', '3', '--json', '--quiet'], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(lastJsonLine(r.stdout).settings).toMatchObject({ optimizer: 'lbfgs' });
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 32, 21]);
  });

  it('starts from --init-image: with tiny Adam steps the result stays the starting picture, not the photo', async () => {
    const dir = await outFolder();
    // The photo's negative: same proportions, as far from the photo as a picture can be.
    const start = path.join(root, 'negative.png');
    await sharp(content).negate().png().toFile(start);
    const out = path.join(dir, 'continued.png');
    // Adam moves each value by at most about the learning rate per step: 2 × 0.002 × 255 ≈ 1 level here.
    const args = ['--init-image', start, '--optimizer', 'adam', '--learning-rate', '0.002', '--out', out, '--size', '32', '--iterations', '2'];
    const r = await runCli([...baseArgs(), ...args, '--json', '--quiet'], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(lastJsonLine(r.stdout).settings).toMatchObject({ init: 'image' });
    const result = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    expect([result.info.width, result.info.height]).toEqual([32, 21]);
    const resized = (file: string) => sharp(file).resize(32, 21, { kernel: 'lanczos3', fit: 'fill' }).raw().toBuffer();
    const meanDifference = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;
    const fromStart = meanDifference(result.data, await resized(start));
    const fromPhoto = meanDifference(result.data, await resized(content));
    expect(fromStart).toBeLessThan(4);
    expect(fromPhoto).toBeGreaterThan(60);
  });

  it('on Ctrl-C (SIGINT) stops, writes the best image so far and exits with 130', async () => {
    const dir = await outFolder();
    const out = path.join(dir, 'stopped.png');
    const child = spawnCli([...baseArgs(), '--out', out, '--size', '48', '--iterations', '100000', '--json'], { home });
    const done = collect(child);
    // The run announces itself only once its Ctrl-C handler is installed.
    let seen = '';
    await new Promise<void>((resolve) => {
      child.stderr!.on('data', (d: string) => {
        seen += d;
        if (seen.includes('pastiche: wasm backend')) resolve();
      });
    });
    child.kill('SIGINT');
    const r = await done;
    expect(r.code, r.stderr).toBe(EXIT.interrupted);
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 48, 32]);
    expect(await listFolder(dir)).toEqual(['stopped.png']);
    const summary = lastJsonLine(r.stdout);
    expect(summary.stopped).toBe(true);
    expect(summary.iterations as number).toBeLessThan(100000);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^pastiche: interrupted: the best image so far was written to ${out} \\(48×32, \\d+ iterations in \\d+s\\)$`));
  });
});

describe('pastiche --help and --version', () => {
  it('documents every stylize flag with its default', async () => {
    const r = await runCli(['stylize', '--help'], { home });
    expect(r.code).toBe(0);
    const flags = [
      '--content <photo>', '--style <painting>', '--out <file>', '--size <px>', '--iterations <n>', '--style-strength <s>',
      '--seed <n>', '--model <dir>', '--backend <name>', '--content-weight <w>', '--smoothness <w>', '--init <from>',
      '--pooling <kind>', '--learning-rate <lr>', '--style-scale <s>', '--style-weight <w>', '--colour <mode>',
      '--init-image <file>', '--optimizer <name>', '--keep-mask <file>', '--style-mask <file>',
      '--start-size <px>', '--min-improvement <f>', '--quality <q>', '--threads <n>', '--force', '--json', '--quiet',
    ];
    for (const flag of flags) expect(r.stdout).toContain(flag);
    const flat = r.stdout.replace(/\s+/g, ' ');
    for (const d of ['(default: 512)', '(default: 500)', 'default: "wasm"', '(default: 0.02)', 'default: "content"', '(default: 92)', '(default: 0.0005)']) expect(flat).toContain(d);
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version'], { home });
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});
