import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../../main/cli/cliError.js';
import { saveResult } from '../../main/cli/saveResult.js';
import { listFolder } from '../fixtures/tempFolder.js';

const image = { width: 6, height: 4, data: new Uint8Array(6 * 4 * 4).fill(200) };

describe('saveResult', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pastiche-save-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the encoded image', async () => {
    const out = path.join(dir, 'r.webp');
    await saveResult(image, out, { format: 'webp', quality: 80, overwrite: false });
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 6, 4]);
  });

  it('keeps the result in the temp folder when the output folder has gone, and says where', async () => {
    const out = path.join(dir, 'gone', 'result.png');
    const error = await saveResult(image, out, { format: 'png', quality: 90, overwrite: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.output);
    const match = /^cannot write (.+): the folder (.+) does not exist; the result was saved to (.+) instead$/.exec((error as Error).message);
    expect(match?.slice(1, 3)).toEqual([out, path.dirname(out)]);
    const fallback = match![3]!;
    try {
      expect(path.dirname(fallback)).toBe(os.tmpdir());
      expect(path.basename(fallback)).toMatch(/^result-pastiche-\d+\.png$/);
      const { data, info } = await sharp(await readFile(fallback)).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height, data[0]]).toEqual([6, 4, 200]);
    } finally {
      await rm(fallback, { force: true });
    }
    expect(await listFolder(dir)).toEqual(['r.webp']);
  });
});
