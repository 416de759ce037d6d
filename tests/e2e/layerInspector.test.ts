import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFile, setNumber } from './pageHelpers.js';
import { closeStudioPage, openStudioPage, type StudioPage } from './studioPage.js';
import { ROOT } from './webBuild.js';
import { IMAGES, missingForStudioTest } from './requirements.js';

const ARTIFACTS = path.join(ROOT, 'test-results', 'layer-inspector');
const missing = missingForStudioTest('the layer inspector end-to-end test');

describe.skipIf(missing.length > 0)('the layer inspector in Chromium (web build)', () => {
  let studio: StudioPage | undefined;
  let page: Page;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    studio = await openStudioPage({ viewport: { width: 1440, height: 900 } });
    page = studio.page;
  }, 300_000);

  afterAll(() => closeStudioPage(studio));

  const panel = () => page.getByRole('region', { name: 'Layer inspector' });
  const maps = () => panel().getByRole('region', { name: 'Feature maps' });
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });

  it('shows maps, patches and Gram matrices per layer and channel, and follows a run', async () => {
    await page.goto(`${studio!.server.url}/index.html`);
    await page.getByText('WebAssembly · CPU').waitFor({ timeout: 120_000 });
    const styles = page.getByRole('region', { name: 'Style images' });
    await dropFile(page, page.getByRole('region', { name: 'Content image' }), 'chelsea.jpg', await readFile(path.join(IMAGES, 'chelsea.jpg')), 'image/jpeg');
    await dropFile(page, styles, 'starry_night.jpg', await readFile(path.join(IMAGES, 'starry_night.jpg')), 'image/jpeg');
    await styles.getByRole('img', { name: 'starry_night.jpg' }).waitFor();

    await page.getByRole('button', { name: 'Inspect layers' }).click();
    await panel().waitFor();
    // The layer list comes from the model: the shared weights stop at conv3_4.
    expect(await panel().getByLabel('Layer', { exact: true }).locator('option').allTextContents()).toEqual([
      'relu1_1 · style',
      'relu1_2',
      'relu2_1 · style',
      'relu2_2',
      'relu3_1 · style',
      'relu3_2 · content',
      'relu3_3',
      'relu3_4',
    ]);
    // 16 channels, the strongest on the style, for the photo and for the style.
    await expect.poll(() => maps().getByRole('button', { name: /^Photo, channel \d+, mean / }).count(), { timeout: 120_000 }).toBe(16);
    expect(await maps().getByRole('button', { name: /^Style, channel \d+, mean / }).count()).toBe(16);
    expect(await panel().getByText('128 channels · receptive field 10 px').count()).toBe(1);
    await shot('relu2_1-1440x900');

    for (const [layer, text] of [
      ['relu1_1', '64 channels · receptive field 3 px'],
      ['relu3_1', '256 channels · receptive field 24 px'],
    ] as const) {
      await panel().getByLabel('Layer', { exact: true }).selectOption(layer);
      await panel().getByText(text).waitFor({ timeout: 120_000 });
    }

    // Pick a channel: its maps, and its top patches on the photo and the style.
    await panel().getByLabel('Channel', { exact: true }).fill('5');
    await panel().getByLabel('Channel', { exact: true }).press('Enter');
    await expect.poll(() => maps().getByRole('button', { name: /^Photo, channel 5, mean / }).count(), { timeout: 120_000 }).toBe(1);
    const patches = panel().getByRole('region', { name: 'Top patches' });
    await patches.getByText(/channel 5 · the 9 places that excite it most, cut at its receptive field \(24 px\)/).waitFor();
    expect(await patches.getByRole('img', { name: /^Photo patch \d/ }).count()).toBeGreaterThan(0);
    expect(await patches.getByRole('img', { name: /^Style patch \d/ }).count()).toBeGreaterThan(0);
    const grams = panel().getByRole('region', { name: 'Gram matrices' });
    await grams.getByRole('img', { name: /^Gram matrix of the style at relu3_1, 0 to / }).waitFor();
    await maps().getByRole('button', { name: /^Style, channel 5, mean / }).click();
    await panel().getByRole('group', { name: 'Enlarged map' }).getByRole('img', { name: 'Channel 5 of relu3_1 over the style' }).waitFor();
    await shot('relu3_1-channel-5-1440x900');

    // A run with the panel open: the picture's Gram matrix, the difference and the cost per layer appear.
    await setNumber(page, 'Output size', 96);
    await setNumber(page, 'Iterations', 8);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByText(/^Finished 8 iterations in/).waitFor({ timeout: 300_000 });
    await grams.getByRole('img', { name: /^Picture minus style at relu3_1, ±/ }).waitFor({ timeout: 120_000 });
    await grams.getByRole('img', { name: /^Gram matrix of the picture at relu3_1/ }).waitFor();
    expect(await grams.getByText(/relu3_1 carries \d+ % of the style cost/).count()).toBe(1);
    const chart = panel().getByRole('region', { name: 'Cost per layer' }).getByRole('img');
    expect(await chart.getAttribute('aria-label')).toMatch(/^Cost per layer over \d+ iterations, now relu3_2 \(content\) [\d.e+-]+, relu1_1 [\d.e+-]+, relu2_1 [\d.e+-]+, relu3_1 [\d.e+-]+$/);
    expect(await maps().getByRole('button', { name: /^Picture, channel 5, mean / }).count()).toBe(1);
    for (const [width, height] of [
      [1440, 900],
      [1024, 640],
      [2560, 1440],
    ] as const) {
      await page.setViewportSize({ width, height });
      await shot(`after-run-${width}x${height}`);
    }

    await panel().getByRole('button', { name: 'Close the layer inspector' }).click();
    expect(await panel().count()).toBe(0);
  }, 900_000);
});
