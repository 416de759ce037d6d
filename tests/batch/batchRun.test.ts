import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../main/cli/cliError.js';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { collect, lastJsonLine, runCli, spawnCli } from '../cli/runCli.js';
import { listFolder } from '../fixtures/tempFolder.js';
import { writeSyntheticModelFolder } from '../fixtures/syntheticModelFolder.js';
import { pictureJpeg, picturePng } from '../fixtures/testImages.js';

// `pastiche batch` on the synthetic model with tiny photos: the whole command, as a user runs it.

let root: string;
let home: string;
let model: string;
let style: string;
let photos: string;
const f = (...names: string[]) => path.join(root, ...names);

const GOOD = ['Été à la plage.jpg', 'b.png', 'c 2.webp'];
const OUTPUTS = ['Été à la plage-Nuit étoilée.png', 'b-Nuit étoilée.png', 'c 2-Nuit étoilée.png'];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pastiche-batch-'));
  home = f('home');
  await mkdir(home);
  model = await writeSyntheticModelFolder(f('model'));
  style = f('Nuit étoilée.png');
  await writeFile(style, await picturePng(40, 40));
  photos = f('photos');
  await mkdir(photos);
  const jpeg = await pictureJpeg(48, 32);
  await writeFile(path.join(photos, GOOD[0]!), jpeg);
  await writeFile(path.join(photos, GOOD[1]!), await picturePng(36, 48));
  await writeFile(path.join(photos, GOOD[2]!), await sharp(await picturePng(40, 40)).webp().toBuffer());
  await writeFile(path.join(photos, 'broken.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
  await writeFile(path.join(photos, 'letter.png'), 'Dear diary, this is not a picture.\n');
  await writeFile(path.join(photos, 'notes.txt'), 'shot list\n');
  await mkdir(path.join(photos, 'subfolder'));
  await writeFile(path.join(photos, 'subfolder', 'deeper.png'), await picturePng(20, 20));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const batchArgs = (out: string, input = photos) => ['batch', '--input', input, '--style', style, '--out', out, '--model', model, '--size', '32', '--iterations', '2', '--start-size', '32'];

/** A picture's decoded RGBA pixels. */
const pixels = async (file: string) => (await sharp(file).ensureAlpha().raw().toBuffer()).toString('base64');

/** Each output file's inode and bytes: a rewrite (always a new file, renamed into place) changes the inode. */
async function fingerprints(dir: string): Promise<Record<string, string>> {
  const names = await listFolder(dir);
  const entries = await Promise.all(names.map(async (n) => [n, `${(await stat(path.join(dir, n))).ino}:${(await readFile(path.join(dir, n))).toString('base64')}`]));
  return Object.fromEntries(entries) as Record<string, string>;
}

describe('pastiche batch', () => {
  it('restyles every photo, reports and skips the bad ones, skips finished ones on a re-run, and redoes them with --force', async () => {
    const out = f('out-main');
    await mkdir(out);
    // Two photos at once: the failing ones do not stop the others, and the summary keeps the input order.
    const first = await runCli([...batchArgs(out), '--json', '--jobs', '2'], { home });
    expect(first.code, first.stderr).toBe(EXIT.failure);
    const summary = lastJsonLine(first.stdout);
    expect(summary).toMatchObject({ total: 5, done: 3, skipped: 0, failed: 2, interrupted: false, ignored: ['notes.txt'], format: 'png' });
    const items = summary.items as { input: string; status: string; message?: string }[];
    expect(items.map((i) => [i.input, i.status])).toEqual([
      ['b.png', 'done'],
      ['broken.jpg', 'failed'],
      ['c 2.webp', 'done'],
      ['Été à la plage.jpg', 'done'],
      ['letter.png', 'failed'],
    ]);
    expect(items[1]!.message).toMatch(/broken\.jpg: the image is truncated or corrupt/);
    expect(items[4]!.message).toMatch(/letter\.png: not an image/);

    const stderr = first.stderr.trimEnd().split('\n');
    expect(stderr.filter((l) => /^pastiche: \[\d\/5\] .* failed: /.test(l))).toEqual([
      expect.stringMatching(/^pastiche: \[2\/5\] broken\.jpg failed: content image .*broken\.jpg: the image is truncated or corrupt/),
      expect.stringMatching(/^pastiche: \[5\/5\] letter\.png failed: content image .*letter\.png: not an image/),
    ]);
    expect(stderr).toContain('pastiche: ignoring 1 file(s) that are not images by their extension: notes.txt');
    expect(stderr).toContain('[4/5] Été à la plage.jpg');
    expect(stderr).toContain('pastiche: painting 5 photo(s), 2 at a time');
    // Each progress line names its photo, since two photos paint at once.
    expect(stderr.filter((l) => / · iteration 2\/2 · /.test(l)).map((l) => l.split(' · ')[0]).sort()).toEqual(['[1/5] b.png', '[3/5] c 2.webp', '[4/5] Été à la plage.jpg']);
    expect(stderr.at(-1)).toBe('pastiche: batch finished: 3 done, 0 skipped, 2 failed (of 5)');

    // Only the three results, nothing half-written; each decodes and carries the run's settings.
    expect(await listFolder(out)).toEqual([...OUTPUTS].sort());
    for (const [i, name] of OUTPUTS.entries()) {
      const bytes = await readFile(path.join(out, name));
      const meta = await sharp(bytes).metadata();
      expect([meta.format, Math.max(meta.width, meta.height)]).toEqual(['png', 32]);
      const record = await readRunMetadata(bytes);
      expect(record?.settings).toEqual(summary.settings);
      expect(record?.inputs).toEqual({ content: GOOD[i], styles: ['Nuit étoilée.png'] });
      expect(record?.stopped).toBeUndefined();
    }

    const before = await fingerprints(out);
    const again = await runCli([...batchArgs(out), '--json'], { home });
    expect(again.code, again.stderr).toBe(EXIT.failure);
    expect(lastJsonLine(again.stdout)).toMatchObject({ done: 0, skipped: 3, failed: 2 });
    expect(again.stderr).not.toMatch(/ · iteration /);
    expect(await fingerprints(out)).toEqual(before);

    // Other settings: the results of the first run are kept, and each is reported.
    const other = await runCli([...batchArgs(out), '--seed', '3', '--json'], { home });
    expect(lastJsonLine(other.stdout)).toMatchObject({ done: 0, skipped: 0, failed: 5 });
    expect(other.stderr).toContain(`${path.join(out, OUTPUTS[1]!)} already exists and was made with other settings or inputs; pass --force to replace it`);
    expect(await fingerprints(out)).toEqual(before);

    const pixelsBefore = await Promise.all(OUTPUTS.map((name) => pixels(path.join(out, name))));
    // One photo at a time this time: the same pixels as two at once.
    const forced = await runCli([...batchArgs(out), '--force', '--json', '--jobs', '1'], { home });
    expect(lastJsonLine(forced.stdout)).toMatchObject({ done: 3, skipped: 0, failed: 2 });
    expect(forced.stderr).toContain('pastiche: painting 5 photo(s), 1 at a time');
    const after = await fingerprints(out);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const name of OUTPUTS) expect(after[name]!.split(':')[0]).not.toBe(before[name]!.split(':')[0]);
    for (const [i, name] of OUTPUTS.entries()) expect(await pixels(path.join(out, name))).toEqual(pixelsBefore[i]);
  });

  it('exits 0 when every photo is done or skipped, and writes JPEG and WebP with --format', async () => {
    const input = f('good-only');
    await mkdir(input);
    await writeFile(path.join(input, 'one.png'), await picturePng(30, 20));
    await writeFile(path.join(input, 'one.jpg'), await pictureJpeg(30, 20));
    for (const [format, ext] of [['jpg', '.jpg'], ['webp', '.webp']] as const) {
      const out = f(`out-${format}`);
      await mkdir(out);
      const r = await runCli([...batchArgs(out, input), '--format', format, '--quiet'], { home });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      // Two photos named "one": each result keeps its photo's type in its name, so neither replaces the other.
      expect(await listFolder(out)).toEqual([`one-jpg-Nuit étoilée${ext}`, `one-png-Nuit étoilée${ext}`]);
      for (const name of await listFolder(out)) {
        const bytes = await readFile(path.join(out, name));
        expect((await sharp(bytes).metadata()).format).toBe(format === 'jpg' ? 'jpeg' : 'webp');
        expect((await readRunMetadata(bytes))?.settings.size).toBe(32);
      }
      const again = await runCli([...batchArgs(out, input), '--format', format], { home });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr.trimEnd().split('\n').at(-1)).toBe('pastiche: batch finished: 0 done, 2 skipped, 0 failed (of 2)');
    }
  });

  it('shares one photo over the cores when there are fewer photos than cores, painting what one thread paints', async () => {
    const input = f('one-photo');
    await mkdir(input);
    await writeFile(path.join(input, 'wide.png'), await picturePng(96, 64));
    const out = f('out-one-photo');
    await mkdir(out);
    const cores = os.availableParallelism();
    const settings = ['--size', '64', '--start-size', '64', '--iterations', '6', '--optimizer', 'adam'];
    const r = await runCli(['batch', '--input', input, '--style', style, '--out', out, '--model', model, ...settings, '--json'], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`pastiche: painting 1 photo(s), 1 at a time${cores > 1 ? `, ${cores} threads each` : ''}`);
    expect(lastJsonLine(r.stdout).parallel).toEqual({ jobs: 1, threadsPerPhoto: cores });
    // The same photo painted by `stylize` on one thread: the same picture to float rounding (Adam: no amplified rounding).
    const alone = f('one-photo-alone.png');
    const s = await runCli(['stylize', '--content', path.join(input, 'wide.png'), '--style', style, '--model', model, ...settings, '--threads', '1', '--out', alone], { home });
    expect(s.code, s.stderr).toBe(0);
    const [shared, single] = await Promise.all([sharp(path.join(out, 'wide-Nuit étoilée.png')).raw().toBuffer(), sharp(alone).raw().toBuffer()]);
    expect(shared.length).toBe(single.length);
    let diff = 0;
    for (let i = 0; i < shared.length; i++) diff += Math.abs(shared[i]! - single[i]!);
    expect(diff / shared.length).toBeLessThan(0.5);
  });

  it('takes its settings from an exported image with --settings, flags winning', async () => {
    const input = f('settings-in');
    await mkdir(input);
    await writeFile(path.join(input, 'p.png'), await picturePng(30, 20));
    const out = f('settings-out');
    await mkdir(out);
    const first = await runCli([...batchArgs(out, input), '--style-strength', '4', '--pooling', 'avg', '--json', '--quiet'], { home });
    expect(first.code, first.stderr).toBe(0);
    const exported = path.join(out, 'p-Nuit étoilée.png');
    const out2 = f('settings-out-2');
    await mkdir(out2);
    const r = await runCli(['batch', '--input', input, '--style', style, '--out', out2, '--model', model, '--settings', exported, '--seed', '5', '--json', '--quiet'], { home });
    expect(r.code, r.stderr).toBe(0);
    expect(lastJsonLine(r.stdout).settings).toEqual({ ...(lastJsonLine(first.stdout).settings as object), seed: 5 });
  });
});

describe.concurrent('pastiche batch refuses before any work', () => {
  const cases: [string, (dir: string) => Promise<string[]>, number, (dir: string) => string][] = [
    ['a missing output folder', async (dir) => batchArgs(path.join(dir, 'missing')), EXIT.output, (dir) => `pastiche: --out ${path.join(dir, 'missing')}: folder not found (create it first)`],
    [
      'an output "folder" that is a file',
      async (dir) => {
        await writeFile(path.join(dir, 'a-file'), 'x');
        return batchArgs(path.join(dir, 'a-file'));
      },
      EXIT.output,
      (dir) => `pastiche: --out ${path.join(dir, 'a-file')}: not a folder`,
    ],
    ['a missing input folder', async (dir) => batchArgs(dir, path.join(dir, 'nowhere')), EXIT.input, (dir) => `pastiche: --input ${path.join(dir, 'nowhere')}: folder not found`],
    ['the input folder as output folder', async () => batchArgs(photos, photos), EXIT.input, () => 'pastiche: --out must be another folder than --input'],
    [
      'an input folder without images',
      async (dir) => {
        await mkdir(path.join(dir, 'empty'));
        return batchArgs(dir, path.join(dir, 'empty'));
      },
      EXIT.input,
      (dir) => `pastiche: --input ${path.join(dir, 'empty')}: no images in the folder (looked for .jpg`,
    ],
    [
      'a style image that is not an image',
      async (dir) => {
        await writeFile(path.join(dir, 'style.png'), 'text');
        return [...batchArgs(dir), '--style', path.join(dir, 'style.png')];
      },
      EXIT.input,
      (dir) => `pastiche: style image 2 ${path.join(dir, 'style.png')}: not an image`,
    ],
    ['--init image', async (dir) => [...batchArgs(dir), '--init', 'image'], 2, () => "pastiche: option '--init <from>' argument 'image' is invalid."],
    ...['0', 'abc', '1.5'].map((n): (typeof cases)[number] => [
      `--jobs ${n}`,
      async (dir) => [...batchArgs(dir), '--jobs', n],
      EXIT.input,
      () => `pastiche: option '--jobs <n>' argument '${n}' is invalid. expected a whole number from 1 to 256 (run with --help for usage)\n`,
    ]),
  ];

  for (const [what, args, code, message] of cases) {
    it(`refuses ${what}`, async () => {
      const dir = await mkdtemp(f('refuse-'));
      const r = await runCli(await args(dir), { home });
      expect(r.code).toBe(code);
      expect(r.stderr.startsWith(message(dir)), r.stderr).toBe(true);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect((await listFolder(dir)).filter((n) => n !== 'a-file' && n !== 'style.png' && n !== 'empty')).toEqual([]);
    });
  }

  it.skipIf(process.getuid?.() === 0)('refuses a read-only output folder (not testable as root)', async () => {
    const dir = await mkdtemp(f('refuse-'));
    await chmod(dir, 0o555);
    try {
      const r = await runCli(batchArgs(dir), { home });
      expect(r.code).toBe(EXIT.output);
      expect(r.stderr).toMatch(/^pastiche: cannot write .*: permission denied in /);
    } finally {
      await chmod(dir, 0o755);
    }
  });
});

describe('pastiche batch with an output folder it cannot write', () => {
  // As root (CI) chmod does not stop writes, but sysfs refuses new files even to root.
  it.skipIf(process.platform !== 'linux' || process.getuid?.() !== 0)('refuses it before any work (sysfs, as root)', async () => {
    const r = await runCli(batchArgs('/sys'), { home });
    expect(r.code).toBe(EXIT.output);
    expect(r.stderr).toBe('pastiche: cannot write /sys/b-Nuit étoilée.png: permission denied in /sys\n');
  });
});

describe('pastiche batch when the output folder goes away during the run', () => {
  it('keeps the photo\'s result in the temp folder, says where, starts no other photo and exits with 4', async () => {
    const input = f('vanish-in');
    await mkdir(input);
    await writeFile(path.join(input, 'first.png'), await picturePng(30, 20));
    await writeFile(path.join(input, 'second.png'), await picturePng(30, 20));
    const out = f('vanish-out');
    await mkdir(out);
    const child = spawnCli([...batchArgs(out, input), '--iterations', '100000', '--json', '--jobs', '1'], { home });
    const done = collect(child);
    let seen = '';
    await new Promise<void>((resolve) => {
      child.stderr!.on('data', (d: string) => {
        seen += d;
        if (seen.includes('[1/2] first.png')) resolve();
      });
    });
    await rm(out, { recursive: true });
    child.kill('SIGINT');
    const r = await done;
    expect(r.code, r.stderr).toBe(EXIT.output);
    const match = /^pastiche: cannot write (.+): the folder (.+) does not exist; the result was saved to (.+) instead; batch interrupted: 0 done, 0 skipped, 1 failed, 1 not started \(of 2\)$/m.exec(r.stderr);
    expect(match?.slice(1, 3), r.stderr).toEqual([path.join(out, 'first-Nuit étoilée.png'), out]);
    const fallback = match![3]!;
    try {
      expect((await readRunMetadata(await readFile(fallback)))?.stopped).toBe(true);
    } finally {
      await rm(fallback, { force: true });
    }
    expect((lastJsonLine(r.stdout).items as { status: string }[]).map((i) => i.status)).toEqual(['failed', 'not started']);
  });
});

describe('pastiche batch and Ctrl-C', () => {
  it('writes the current photo\'s best image so far, marked unfinished, starts no other and exits with 130', async () => {
    const input = f('interrupt-in');
    await mkdir(input);
    await writeFile(path.join(input, 'first.png'), await picturePng(30, 20));
    await writeFile(path.join(input, 'second.png'), await picturePng(30, 20));
    const out = f('interrupt-out');
    await mkdir(out);
    const child = spawnCli([...batchArgs(out, input), '--iterations', '100000', '--json', '--jobs', '1'], { home });
    const done = collect(child);
    let seen = '';
    await new Promise<void>((resolve) => {
      child.stderr!.on('data', (d: string) => {
        seen += d;
        if (seen.includes('[1/2] first.png')) resolve();
      });
    });
    child.kill('SIGINT');
    const r = await done;
    expect(r.code, r.stderr).toBe(EXIT.interrupted);
    const summary = lastJsonLine(r.stdout);
    expect(summary.interrupted).toBe(true);
    expect((summary.items as { status: string }[]).map((i) => i.status)).toEqual(['stopped', 'not started']);
    expect(await listFolder(out)).toEqual(['first-Nuit étoilée.png']);
    const record = await readRunMetadata(await readFile(path.join(out, 'first-Nuit étoilée.png')));
    expect(record?.stopped).toBe(true);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('pastiche: batch interrupted: 0 done, 0 skipped, 0 failed, 1 stopped, 1 not started (of 2); run the same command again to continue');
  });
});

describe('pastiche batch --jobs 2 and Ctrl-C', () => {
  it('stops both running photos, writes each one\'s best image so far, marked unfinished, starts no other and exits with 130', async () => {
    const input = f('interrupt-2-in');
    await mkdir(input);
    for (const name of ['first.png', 'second.png', 'third.png']) await writeFile(path.join(input, name), await picturePng(30, 20));
    const out = f('interrupt-2-out');
    await mkdir(out);
    const child = spawnCli([...batchArgs(out, input), '--iterations', '100000', '--json', '--jobs', '2'], { home });
    const done = collect(child);
    let seen = '';
    await new Promise<void>((resolve) => {
      child.stderr!.on('data', (d: string) => {
        seen += d;
        if (seen.includes('[1/3] first.png') && seen.includes('[2/3] second.png')) resolve();
      });
    });
    child.kill('SIGINT');
    const r = await done;
    expect(r.code, r.stderr).toBe(EXIT.interrupted);
    const summary = lastJsonLine(r.stdout);
    expect(summary.interrupted).toBe(true);
    expect((summary.items as { input: string; status: string }[]).map((i) => [i.input, i.status])).toEqual([
      ['first.png', 'stopped'],
      ['second.png', 'stopped'],
      ['third.png', 'not started'],
    ]);
    expect(await listFolder(out)).toEqual(['first-Nuit étoilée.png', 'second-Nuit étoilée.png']);
    for (const name of await listFolder(out)) expect((await readRunMetadata(await readFile(path.join(out, name))))?.stopped).toBe(true);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('pastiche: batch interrupted: 0 done, 0 skipped, 0 failed, 2 stopped, 1 not started (of 3); run the same command again to continue');
  });
});
