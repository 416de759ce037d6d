import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { dropFile, meanDifference, previewPixels, setNumber, type Pixels } from './pageHelpers.js';
import { closeStudioPage, openStudioPage, openWithPhotoAndStyle, type StudioPage } from './studioPage.js';
import { ROOT } from './webBuild.js';
import { IMAGES, missingForStudioTest } from './requirements.js';

// One model of the stage: after a batch, what the stage shows, what Compare splits and what Export saves
// belong to the same run; while the batch paints, the stage is a labelled batch view. A history entry keeps
// the run's photo, styles and mask: "Continue from it" brings them back and goes on at the result's size.

const ARTIFACTS = path.join(ROOT, 'test-results');
/** Above 181 px a run has two scales (128 px start, steps of √2): a coarse restart would show. */
const SIZE = 192;
const HEIGHT = 128;

async function exportNow(page: Page): Promise<{ name: string; bytes: Buffer; pixels: Pixels }> {
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  const bytes = await readFile((await file.path())!);
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { name: file.suggestedFilename(), bytes, pixels: { width: info.width, height: info.height, data: [...data] } };
}

/** Mean absolute RGB difference of two RGBA buffers of SIZE × HEIGHT over the columns [x0, x1), rows 10 to HEIGHT − 10. */
function columnsDifference(a: Buffer, b: Buffer, x0: number, x1: number): number {
  let sum = 0;
  let n = 0;
  for (let y = 10; y < HEIGHT - 10; y++) {
    for (let x = x0; x < x1; x++, n += 3) for (let c = 0; c < 3; c++) sum += Math.abs(a[(y * SIZE + x) * 4 + c]! - b[(y * SIZE + x) * 4 + c]!);
  }
  return sum / n;
}

const missing = missingForStudioTest('the studio stage and history end-to-end test');

describe.skipIf(missing.length > 0)('the stage after a batch, and history entries with masks (Chromium, web build, real VGG19 weights)', () => {
  let studio: StudioPage | undefined;
  let page: Page;

  beforeAll(async () => {
    studio = await openStudioPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    page = studio.page;
    await mkdir(ARTIFACTS, { recursive: true });
  }, 300_000);

  afterAll(() => closeStudioPage(studio));

  const content = () => page.getByRole('region', { name: 'Content image' });
  const caption = () => page.locator('.preview .caption').innerText();

  it('keeps the stage, Compare and Export on one run through a batch, and continues a kept run with its mask', async () => {
    await openWithPhotoAndStyle(studio!);
    await setNumber(page, 'Output size', SIZE);
    await setNumber(page, 'Iterations', 4);
    // A keep mask over the left part of the photo.
    await page.getByRole('button', { name: 'Paint mask' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paint mask' });
    const box = (await dialog.getByLabel('Mask canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.15, box.y + 4);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.15, box.y + box.height - 4, { steps: 6 });
    await page.mouse.up();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Mask in use' }).innerText()).toBe('Keep mask');

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByText(/^Finished \d+ iterations in/).waitFor({ timeout: 300_000 });
    expect(await caption()).toBe(`Result · ${SIZE} × ${HEIGHT}`);
    const single = await exportNow(page);
    expect(single.name).toBe('chelsea-starry_night.png');
    expect(meanDifference(await previewPixels(page), single.pixels)).toBe(0);

    // A batch of another photo: while it paints, the stage is a labelled batch view of that photo.
    const batch = page.getByRole('region', { name: 'Batch' });
    await batch.getByRole('button', { name: /^Batch/ }).click();
    const chooser = page.waitForEvent('filechooser');
    await batch.getByRole('button', { name: 'Add photos' }).click();
    await (await chooser).setFiles([{ name: 'coffee.jpg', mimeType: 'image/jpeg', buffer: await readFile(path.join(IMAGES, 'coffee.jpg')) }]);
    await batch.getByRole('button', { name: 'Start batch' }).click();
    await expect.poll(caption, { timeout: 60_000, interval: 50 }).toMatch(/^Batch · coffee\.jpg · 1 of 1 · /);
    await page.screenshot({ path: path.join(ARTIFACTS, 'stage-batch-view.png') });
    await batch.getByRole('button', { name: 'Start batch' }).waitFor({ timeout: 300_000 });

    // After it, the stage, Compare and Export are the single run's again.
    await expect.poll(caption).toBe(`Result · ${SIZE} × ${HEIGHT}`);
    expect(meanDifference(await previewPixels(page), single.pixels)).toBe(0);
    expect(await page.getByRole('button', { name: 'Compare' }).isEnabled()).toBe(true);
    const again = await exportNow(page);
    expect(again.name).toBe('chelsea-starry_night.png');
    expect(meanDifference(again.pixels, single.pixels)).toBe(0);

    // Another photo on screen (its mask gone), then Continue from the kept run for 3 iterations.
    await dropFile(page, content(), 'coffee.jpg', await readFile(path.join(IMAGES, 'coffee.jpg')), 'image/jpeg');
    await content().getByRole('img', { name: 'coffee.jpg' }).waitFor();
    expect(await page.getByRole('status', { name: 'Mask in use' }).count()).toBe(0);
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('button', { name: /^History/ }).click();
    await history.getByRole('button', { name: /chelsea\.jpg/ }).first().click();
    await setNumber(page, 'Iteration count to continue', 3);
    await history.getByRole('button', { name: 'Continue from it' }).click();
    await content().getByRole('img', { name: 'chelsea.jpg' }).waitFor();
    await expect.poll(() => page.getByRole('status', { name: 'Mask in use' }).innerText()).toBe('Keep mask');
    await page.getByText(/^Finished \d+ iterations in/).waitFor({ timeout: 300_000 });
    expect(await page.getByRole('progressbar', { name: 'Progress' }).getAttribute('aria-valuemax')).toBe('3');
    const continued = await exportNow(page);
    const record = await readRunMetadata(continued.bytes);
    expect(record?.settings).toMatchObject({ iterations: 3, startSize: SIZE, size: SIZE, init: 'image' });
    expect(record?.inputs).toEqual({ content: 'chelsea.jpg', styles: ['starry_night.jpg'] });
    expect([continued.pixels.width, continued.pixels.height]).toEqual([SIZE, HEIGHT]);
    // The kept area (the stroke's core, output columns 25–32) is still the photo: the mask went with the continued run.
    const photo = await sharp(path.join(IMAGES, 'chelsea.jpg')).resize(SIZE, HEIGHT).ensureAlpha().raw().toBuffer();
    const continuedPixels = Buffer.from(continued.pixels.data);
    const kept = columnsDifference(continuedPixels, photo, 25, 33);
    const restyled = columnsDifference(continuedPixels, photo, 100, SIZE);
    console.log(`kept area differs from the photo by ${kept.toFixed(2)}, the rest by ${restyled.toFixed(2)}`);
    expect(kept).toBeLessThan(6);
    expect(restyled).toBeGreaterThan(kept + 4);
  }, 900_000);
});
