import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { dropFile, setNumber } from './pageHelpers.js';
import { closeStudioPage, openStudioPage, type StudioPage } from './studioPage.js';
import { ROOT } from './webBuild.js';
import { IMAGES, missingForStudioTest } from './requirements.js';

// The studio's batch queue: photos painted one after another with the style on screen, a file that is not
// an image reported and skipped while the others go on, and a second start skipping what is done.

const SIZE = 64;

const missing = missingForStudioTest('the batch-queue end-to-end test');

describe.skipIf(missing.length > 0)('the batch queue in the studio (Chromium, web build, real VGG19 weights)', () => {
  let studio: StudioPage | undefined;
  let page: Page;
  const downloads: Download[] = [];

  beforeAll(async () => {
    studio = await openStudioPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    page = studio.page;
    page.on('download', (d) => downloads.push(d));
  }, 300_000);

  afterAll(() => closeStudioPage(studio));

  it('paints every photo, reports the one that is not an image, and skips finished ones when started again', async () => {
    await page.goto(`${studio!.server.url}/index.html`);
    await page.getByText('WebAssembly · CPU').waitFor({ timeout: 90_000 });
    const styles = page.getByRole('region', { name: 'Style images' });
    await dropFile(page, styles, 'starry_night.jpg', await readFile(path.join(IMAGES, 'starry_night.jpg')), 'image/jpeg');
    await styles.getByRole('img', { name: 'starry_night.jpg' }).waitFor();
    await setNumber(page, 'Output size', SIZE);
    await setNumber(page, 'Iterations', 4);

    const batch = page.getByRole('region', { name: 'Batch' });
    await batch.getByRole('button', { name: /^Batch/ }).click();
    const chooser = page.waitForEvent('filechooser');
    await batch.getByRole('button', { name: 'Add photos' }).click();
    await (await chooser).setFiles([
      { name: 'chelsea.jpg', mimeType: 'image/jpeg', buffer: await readFile(path.join(IMAGES, 'chelsea.jpg')) },
      { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('shopping list, not a picture') },
      { name: 'coffee.jpg', mimeType: 'image/jpeg', buffer: await readFile(path.join(IMAGES, 'coffee.jpg')) },
    ]);
    const items = batch.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(3);

    await batch.getByRole('button', { name: 'Start batch' }).click();
    await batch.getByRole('button', { name: 'Cancel batch' }).waitFor();
    await batch.getByRole('button', { name: 'Start batch' }).waitFor({ timeout: 300_000 });
    await expect.poll(() => items.allInnerTexts()).toEqual([
      expect.stringMatching(/chelsea\.jpg\s+Done[\s\S]*Saved as “chelsea-starry_night\.png \(downloaded\)”/),
      expect.stringMatching(/notes\.jpg\s+Failed[\s\S]*“notes\.jpg” is not an image Pastiche can read/),
      expect.stringMatching(/coffee\.jpg\s+Done/),
    ]);

    expect(downloads.map((d) => d.suggestedFilename()).sort()).toEqual(['chelsea-starry_night.png', 'coffee-starry_night.png']);
    for (const [download, photo] of [
      [downloads.find((d) => d.suggestedFilename().startsWith('chelsea'))!, 'chelsea.jpg'],
      [downloads.find((d) => d.suggestedFilename().startsWith('coffee'))!, 'coffee.jpg'],
    ] as const) {
      const file = (await download.path())!;
      const { width, height } = await sharp(file).metadata();
      expect(Math.max(width!, height!)).toBe(SIZE);
      const record = await readRunMetadata(await readFile(file));
      expect(record?.inputs).toEqual({ content: photo, styles: ['starry_night.jpg'] });
      expect(record?.settings.iterations).toBe(4);
    }

    await batch.getByRole('button', { name: 'Start batch' }).click();
    await batch.getByRole('button', { name: 'Start batch' }).waitFor({ timeout: 120_000 });
    await expect.poll(() => items.allInnerTexts()).toEqual([
      expect.stringMatching(/chelsea\.jpg\s+Skipped[\s\S]*Already done with these settings/),
      expect.stringMatching(/notes\.jpg\s+Failed/),
      expect.stringMatching(/coffee\.jpg\s+Skipped[\s\S]*Already done with these settings/),
    ]);
    expect(downloads).toHaveLength(2);
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'batch-queue.png') });
  });
});
