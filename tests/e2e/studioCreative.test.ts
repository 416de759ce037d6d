import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFile } from './pageHelpers.js';
import { closeStudioPage, openStudioPage, type StudioPage } from './studioPage.js';
import { ROOT } from './webBuild.js';
import { IMAGES, missingForStudioTest } from './requirements.js';

const ARTIFACTS = path.join(ROOT, 'test-results');
const SIZE = 128;
const HEIGHT = 85;
const ITERATIONS = 30;

/** Sets a range input the way dragging its thumb does (an input event with the new value). */
async function setRange(page: Page, label: string, value: number): Promise<void> {
  await page.getByLabel(label, { exact: true }).evaluate((el, v) => {
    const input = el as HTMLInputElement;
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/** Mean absolute RGB difference between two raw RGB buffers over the columns [x0, x1). */
function columnsDifference(a: Buffer, b: Buffer, width: number, height: number, x0: number, x1: number): number {
  let sum = 0;
  for (let y = 0; y < height; y++) {
    for (let x = x0; x < x1; x++) for (let c = 0; c < 3; c++) sum += Math.abs(a[(y * width + x) * 3 + c]! - b[(y * width + x) * 3 + c]!);
  }
  return sum / (height * (x1 - x0) * 3);
}

const missing = missingForStudioTest('the studio creative-controls test');

describe.skipIf(missing.length > 0)('the studio’s creative controls in Chromium (web build, real VGG19 weights)', () => {
  let studio: StudioPage | undefined;
  let page: Page;

  beforeAll(async () => {
    studio = await openStudioPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = studio.page;
    await mkdir(ARTIFACTS, { recursive: true });
  }, 300_000);

  afterAll(() => closeStudioPage(studio));

  it('applies presets to the visible controls and keeps a painted region untouched', async () => {
    await page.goto(`${studio!.server.url}/index.html`);
    await page.getByText('WebAssembly · CPU').waitFor({ timeout: 90_000 });
    await dropFile(page, page.getByRole('region', { name: 'Content image' }), 'chelsea.jpg', await readFile(path.join(IMAGES, 'chelsea.jpg')), 'image/jpeg');
    const styles = page.getByRole('region', { name: 'Style images' });
    await dropFile(page, styles, 'starry_night.jpg', await readFile(path.join(IMAGES, 'starry_night.jpg')), 'image/jpeg');
    await styles.getByRole('img', { name: 'starry_night.jpg' }).waitFor();

    // A preset sets the controls together; the sliders show it.
    const preset = page.getByLabel('Preset', { exact: true });
    await preset.selectOption('Bold');
    expect(await page.getByLabel('Style strength').inputValue()).toBe('3');
    expect(await page.getByLabel('Smoothness').inputValue()).toBe('0.5');
    expect(await page.locator('output[for="style-scale"]').innerText()).toBe('× 1.50');
    await preset.selectOption('Print 4K');
    expect(await page.getByLabel('Output size').inputValue()).toBe('4096');
    expect(await page.getByRole('note', { name: 'Large size' }).innerText()).toMatch(/overlapping tiles of \d+ px\. With 800 iterations on WebAssembly \(CPU\) expect about [\d.]+ hours/);
    // 800 iterations is none of the quality steps.
    expect(await page.getByRole('radiogroup', { name: 'Quality' }).getByRole('radio', { checked: true }).count()).toBe(0);
    expect(await page.getByRole('radiogroup', { name: 'Export size' }).getByRole('radio').allInnerTexts()).toEqual(['4096 px']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'studio-presets.png') });
    await preset.selectOption('Bold');

    await page.getByLabel('Output size').fill(String(SIZE));
    await page.getByLabel('Output size').press('Enter');
    await page.getByLabel('Iterations').fill(String(ITERATIONS));
    await page.getByLabel('Iterations').press('Enter');
    expect(await page.getByRole('note', { name: 'Large size' }).count()).toBe(0);

    // Paint the keep mask over the left half with a large hard brush.
    await page.getByRole('button', { name: 'Paint mask' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paint mask' });
    await setRange(page, 'Brush size', 240);
    await setRange(page, 'Soft edge', 0);
    const canvas = dialog.getByLabel('Mask canvas');
    const box = (await canvas.boundingBox())!;
    const maskWidth = await canvas.evaluate((c) => (c as HTMLCanvasElement).width);
    const toScreen = box.width / maskWidth;
    for (const x of [64, 134]) {
      await page.mouse.move(box.x + x * toScreen, box.y + 2);
      await page.mouse.down();
      for (let k = 1; k <= 8; k++) await page.mouse.move(box.x + x * toScreen, box.y + 2 + ((box.height - 4) * k) / 8);
      await page.mouse.up();
    }
    const painted = await canvas.evaluate((c) => {
      const el = c as HTMLCanvasElement;
      const d = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
      return { left: d[4 * (Math.floor(el.height / 2) * el.width + 10) + 3], right: d[4 * (Math.floor(el.height / 2) * el.width + el.width - 10) + 3] };
    });
    expect(painted.left).toBeGreaterThan(100);
    expect(painted.right).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'mask-editor.png') });
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByRole('status', { name: 'Mask in use' }).innerText()).toBe('Keep mask');

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByText(/^Finished \d+ iterations in/).waitFor({ timeout: 300_000 });
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const bytes = await readFile(await (await download).path());
    const result = await sharp(bytes).removeAlpha().raw().toBuffer();
    const photo = await sharp(path.join(IMAGES, 'chelsea.jpg')).resize(SIZE, HEIGHT).removeAlpha().raw().toBuffer();
    // Left of the painted edge (mask x < 254 of 512, i.e. output x < 63): the photo; the right side is restyled.
    const kept = columnsDifference(result, photo, SIZE, HEIGHT, 0, 56);
    const changed = columnsDifference(result, photo, SIZE, HEIGHT, 72, SIZE);
    expect(kept).toBeLessThan(4);
    expect(changed).toBeGreaterThan(8);
  }, 500_000);
});
