import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { dropFile, setNumber } from './pageHelpers.js';
import { closeStudioPage, openStudioPage, openWithPhotoAndStyle, type StudioPage } from './studioPage.js';
import { ROOT } from './webBuild.js';
import { missingForStudioTest } from './requirements.js';

// JPEG and WebP exports from the studio carry the run record the CLI reads, and a dropped JPEG offers it back.

const SIZE = 64;
const HEIGHT = 43;
const ITERATIONS = 6;
const SEED = 4242;

/** Picks the export format, clicks Export and returns the file the browser downloads. */
async function exportAs(page: Page, format: 'JPEG' | 'WebP'): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('radiogroup', { name: 'File format' }).getByRole('radio', { name: format }).click();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

const missing = missingForStudioTest('the export-metadata end-to-end test');

describe.skipIf(missing.length > 0)('run records in JPEG and WebP exports from the studio (Chromium, web build, real VGG19 weights)', () => {
  let studio: StudioPage | undefined;
  let page: Page;
  const exports: Partial<Record<'jpeg' | 'webp', { name: string; bytes: Buffer }>> = {};

  beforeAll(async () => {
    studio = await openStudioPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = studio.page;
  }, 300_000);

  afterAll(() => closeStudioPage(studio));

  it('writes the settings, seed, model, inputs and app version into JPEG and WebP exports, as the CLI reads them', async () => {
    await openWithPhotoAndStyle(studio!);
    await setNumber(page, 'Output size', SIZE);
    await setNumber(page, 'Iterations', ITERATIONS);
    await setNumber(page, 'Seed', SEED);

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByText(/^Finished \d+ iterations in/).waitFor({ timeout: 300_000 });

    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const [format, label, name] of [
      ['jpeg', 'JPEG', 'chelsea-starry_night.jpg'],
      ['webp', 'WebP', 'chelsea-starry_night.webp'],
    ] as const) {
      const file = await exportAs(page, label);
      expect(file.name).toBe(name);
      expect(await sharp(file.bytes).metadata()).toMatchObject({ format, width: SIZE, height: HEIGHT });
      const record = await readRunMetadata(file.bytes);
      expect(record).toMatchObject({
        app: 'Pastiche',
        appVersion: version,
        seed: SEED,
        settings: { size: SIZE, iterations: ITERATIONS, seed: SEED },
        inputs: { content: 'chelsea.jpg', styles: ['starry_night.jpg'] },
      });
      expect(record!.model.location).toBe(`${studio!.server.url}/models/vgg19/model.json`);
      expect(record!.model.layers.style.length).toBeGreaterThan(0);
      expect(record!.stopped).toBeUndefined();
      exports[format] = file;
    }
  }, 500_000);

  it('offers the settings a dropped JPEG export carries, and applies them', async () => {
    const jpeg = exports.jpeg;
    expect(jpeg).toBeDefined();
    await setNumber(page, 'Iterations', 75);
    await setNumber(page, 'Seed', 7);
    await dropFile(page, page.getByRole('region', { name: 'Content image' }), jpeg!.name, jpeg!.bytes, 'image/jpeg');
    const offer = page.getByRole('status', { name: 'Settings found in the image' });
    await offer.waitFor({ timeout: 30_000 });
    expect(await offer.innerText()).toContain('“chelsea-starry_night.jpg” was made with Pastiche. Load its settings, or use the picture as the new photo?');
    expect(await page.getByLabel('Iterations', { exact: true }).inputValue()).toBe('75');
    await offer.getByRole('button', { name: 'Load settings' }).click();
    expect(await offer.count()).toBe(0);
    expect(await page.getByLabel('Iterations', { exact: true }).inputValue()).toBe(String(ITERATIONS));
    expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe(String(SEED));
  }, 120_000);

  it('offers the settings of a WebP export too', async () => {
    const webp = exports.webp;
    expect(webp).toBeDefined();
    await setNumber(page, 'Iterations', 75);
    await dropFile(page, page.getByRole('region', { name: 'Content image' }), webp!.name, webp!.bytes, 'image/webp');
    const offer = page.getByRole('status', { name: 'Settings found in the image' });
    await offer.waitFor({ timeout: 30_000 });
    expect(await offer.innerText()).toContain('“chelsea-starry_night.webp” was made with Pastiche. Load its settings, or use the picture as the new photo?');
    await offer.getByRole('button', { name: 'Load settings' }).click();
    expect(await page.getByLabel('Iterations', { exact: true }).inputValue()).toBe(String(ITERATIONS));
  }, 120_000);
});
