import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFile } from './pageHelpers.js';
import { closeStudioPage, openStudioPage, type StudioPage } from './studioPage.js';
import { ROOT } from './webBuild.js';
import { IMAGES, missingForStudioTest } from './requirements.js';

const ARTIFACTS = path.join(ROOT, 'test-results');
const NOT_AN_IMAGE = '“notes.txt” is not an image Pastiche can read. Use a PNG, JPEG, WebP, GIF, BMP or AVIF file.';

const missing = missingForStudioTest('the log panel end-to-end test');

describe.skipIf(missing.length > 0)('the log panel in Chromium (web build)', () => {
  let studio: StudioPage | undefined;
  let page: Page;

  beforeAll(async () => {
    studio = await openStudioPage({ viewport: { width: 1280, height: 860 }, permissions: ['clipboard-read', 'clipboard-write'] });
    page = studio.page;
  }, 300_000);

  afterAll(() => closeStudioPage(studio));

  const dialog = () => page.getByRole('dialog', { name: 'Logs' });
  const logText = () => dialog().getByRole('textbox', { name: 'Log text' });

  it('shows what went wrong, copies it, and keeps it across a reload', async () => {
    await page.goto(`${studio!.server.url}/index.html`);
    const styles = page.getByRole('region', { name: 'Style images' });
    await styles.waitFor({ timeout: 60_000 });
    await dropFile(page, styles, 'notes.txt', new TextEncoder().encode('not a picture'), 'text/plain');
    await expect.poll(() => page.getByRole('alert').allInnerTexts(), { timeout: 30_000 }).toContain(NOT_AN_IMAGE);
    // The weights check is logged once the served weights are read; then a short run with them.
    await page.getByText('WebAssembly · CPU').waitFor({ timeout: 90_000 });
    await dropFile(page, page.getByRole('region', { name: 'Content image' }), 'chelsea.jpg', await readFile(path.join(IMAGES, 'chelsea.jpg')), 'image/jpeg');
    await dropFile(page, styles, 'starry_night.jpg', await readFile(path.join(IMAGES, 'starry_night.jpg')), 'image/jpeg');
    await styles.getByRole('img', { name: 'starry_night.jpg' }).waitFor();
    for (const [label, value] of [['Output size', '64'], ['Iterations', '3']] as const) {
      await page.getByLabel(label).fill(value);
      await page.getByLabel(label).press('Enter');
    }
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByText(/^Finished 3 iterations in/).waitFor({ timeout: 120_000 });

    const opener = page.getByRole('button', { name: 'Show logs' });
    await opener.click();
    expect(await dialog().isVisible()).toBe(true);
    await expect.poll(() => logText().inputValue(), { timeout: 10_000 }).toContain(`ERROR [studio] Shown to the user (error): ${NOT_AN_IMAGE}`);
    const text = await logText().inputValue();
    expect(text).toMatch(/^\S+Z INFO {2}\[studio\] Studio opened \(web /m);
    expect(text).toMatch(/^\S+Z INFO {2}\[studio\] Model weights: ready, \d+ layers \(conv1_1 … conv\d_\d, partial\) at http:\/\/127\.0\.0\.1:\d+\/models\/vgg19\/model\.json$/m);
    expect(text).toMatch(/\[studio\] Run started \(render\): photo 64 × 43 px, 1 style, size 64 px, 3 iterations, optimizer \w+, seed \d+, backend wasm \(.+\), layers content relu\d_\d; style relu1_1, .+$/m);
    expect(text).toMatch(/\[studio\] Run finished \(render\): 3 iterations in \d+\.\d s, result 64 × 43 px$/m);
    expect(await logText().getAttribute('readonly')).not.toBeNull();

    await dialog().getByRole('button', { name: 'Copy' }).click();
    await dialog().getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'log-panel.png') });

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().isVisible()).toBe(false);
    expect(await opener.evaluate((b) => b === document.activeElement)).toBe(true);

    // The browser keeps the log: after a reload, the shortcut opens it with the earlier lines.
    await page.reload();
    await page.getByRole('region', { name: 'Style images' }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+Shift+L');
    await expect.poll(() => logText().inputValue(), { timeout: 10_000 }).toContain(NOT_AN_IMAGE);
    expect((await logText().inputValue()).match(/Studio opened/g)).toHaveLength(2);
    await dialog().getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(false);
  }, 240_000);
});
