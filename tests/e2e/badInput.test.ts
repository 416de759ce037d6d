import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenCases, CMYK_RED, decodeCases, hugePngFile, UNICODE_PHOTO, UNICODE_STYLE, WHITE, type DecodeCase, type Rgb } from '../fixtures/badImages.js';
import { dropFile, previewPixels, type Pixels } from './pageHelpers.js';
import { closeStudioPage, openStudioPage, type StudioPage } from './studioPage.js';
import { missingForStudioTest } from './requirements.js';

// The studio (web build in Chromium) meets bad input: broken and huge files are refused with one sentence and the
// page stays usable; 16-bit, CMYK, alpha and greyscale images show with their colours and run; unicode names carry
// through to the suggested export name.

/** The smallest output size the studio offers: the 48×32 fixtures are enlarged to 64×43 for a run. */
const RUN_SIZE = 64;

const missing = missingForStudioTest('the studio bad-input test');

const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp' };
const mime = (name: string) => MIME[path.extname(name)] ?? 'application/octet-stream';

/** The RGBA of the pixel in the middle of the left or right half of a picture. */
function halfPixel(p: Pixels, half: 'left' | 'right'): number[] {
  const x = Math.round(half === 'left' ? p.width / 4 : (3 * p.width) / 4);
  const i = (Math.round(p.height / 2) * p.width + x) * 4;
  return p.data.slice(i, i + 4);
}

const distance = (rgba: number[], rgb: Rgb) => Math.max(...rgb.map((v, c) => Math.abs(v - rgba[c]!)));

describe.skipIf(missing.length > 0)('the studio in Chromium meets bad input', () => {
  let studio: StudioPage | undefined;
  let page: Page;
  let cases: DecodeCase[];

  const content = () => page.getByRole('region', { name: 'Content image' });
  const styles = () => page.getByRole('region', { name: 'Style images' });

  /** Drops a file on the content area and waits for its thumbnail. */
  async function dropContent(name: string, bytes: Uint8Array): Promise<void> {
    await dropFile(page, content(), name, bytes, mime(name));
    await content().getByRole('img', { name }).waitFor({ timeout: 30_000 });
  }

  /** Expects exactly `message` among the error notices, then dismisses them all. */
  async function expectAlert(message: string): Promise<void> {
    await expect.poll(() => page.getByRole('alert').allInnerTexts(), { timeout: 30_000 }).toContain(message);
    for (const button of await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).all()) await button.click();
  }

  /** Clicks Start and waits for the first frame at the run's size (the photo as the engine sees it), returning it. */
  async function startRun(): Promise<Pixels> {
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(async () => (await previewPixels(page)).width, { timeout: 60_000 }).toBe(RUN_SIZE);
    return previewPixels(page);
  }

  beforeAll(async () => {
    cases = await decodeCases();
    studio = await openStudioPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = studio.page;
    await page.goto(`${studio!.server.url}/index.html`);
    await page.getByText('WebAssembly · CPU').waitFor({ timeout: 90_000 });
    await page.getByLabel('Output size').fill(String(RUN_SIZE));
    await page.getByLabel('Output size').press('Enter');
    await page.getByLabel('Iterations').fill('3');
    await page.getByLabel('Iterations').press('Enter');
  }, 180_000);

  afterAll(() => closeStudioPage(studio));

  it('refuses empty, text, truncated and huge files with one sentence each, and takes the next image', async () => {
    const broken = await brokenCases();
    const huge = await readFile(await hugePngFile());
    const refusals: [string, Uint8Array, string][] = [
      [broken.empty.name, broken.empty.bytes, '“empty.png” is empty.'],
      [broken.text.name, broken.text.bytes, '“letter.jpg” is not an image Pastiche can read. Use a PNG, JPEG, WebP, GIF, BMP or AVIF file.'],
      [broken.truncatedJpeg.name, broken.truncatedJpeg.bytes, '“cut.jpg” could not be decoded; the file may be damaged or incomplete.'],
      [broken.truncatedPng.name, broken.truncatedPng.bytes, '“cut.png” could not be decoded; the file may be damaged or incomplete.'],
      ['panorama.png', huge, '“panorama.png” is 20000 × 20000 pixels (400 megapixels); Pastiche opens images up to 40 megapixels. Scale it down and try again.'],
      [broken.hugeJpegHeader.name, broken.hugeJpegHeader.bytes, '“poster.jpg” is 20000 × 20000 pixels (400 megapixels); Pastiche opens images up to 40 megapixels. Scale it down and try again.'],
    ];
    for (const [name, bytes, message] of refusals) {
      await dropFile(page, content(), name, bytes, mime(name));
      await expectAlert(message);
      expect(await content().getByRole('img').count(), name).toBe(0);
    }
    // Still responsive: the next drop is taken at once.
    const good = cases.find((c) => c.what === '16-bit RGB PNG')!;
    await dropContent(good.name, good.bytes);
  }, 120_000);

  it('shows 16-bit, CMYK, alpha and greyscale images with their colours', async () => {
    for (const c of cases) {
      await dropContent(c.name, c.bytes);
      // Before a run the preview paints the decoded photo itself; its transparent half stays transparent there.
      const shown = await previewPixels(page);
      expect([shown.width, shown.height], c.what).toEqual([48, 32]);
      const right = halfPixel(shown, 'right');
      expect(distance(right, c.right), `${c.what}: right ${right} vs ${c.right}`).toBeLessThanOrEqual(c.tolerance);
      const left = halfPixel(shown, 'left');
      if (c.left === WHITE && c.what.includes('alpha')) expect(left[3], c.what).toBe(0);
      else expect(distance(left, c.left), `${c.what}: left ${left} vs ${c.left}`).toBeLessThanOrEqual(c.tolerance);
    }
  }, 120_000);

  it('runs a photo with alpha: the engine sees its transparent half as white', async () => {
    const photo = cases.find((c) => c.what === 'PNG with alpha')!;
    const style = cases.find((c) => c.what === '16-bit PNG with alpha')!;
    await dropContent(photo.name, photo.bytes);
    await dropFile(page, styles(), style.name, style.bytes, mime(style.name));
    await styles().getByRole('img', { name: style.name }).waitFor();
    const first = await startRun();
    // Not flattened, the left half would be black, 255 away from white in every channel. The frame read may come after an
    // iteration or two on a busy machine (L-BFGS moves the picture quickly), hence the margin.
    expect(distance(halfPixel(first, 'left'), WHITE)).toBeLessThanOrEqual(48);
    expect(distance(halfPixel(first, 'right'), photo.right)).toBeLessThanOrEqual(48);
    await page.getByText(/^Finished 3 iterations in /).waitFor({ timeout: 120_000 });
    await styles().getByRole('button', { name: `Remove ${style.name}` }).click();
    await styles().getByRole('img', { name: style.name }).waitFor({ state: 'detached' });
  }, 180_000);

  it('runs a CMYK photo with a 16-bit style under unicode names, and suggests a unicode export name', async () => {
    const cmyk = cases.find((c) => c.what === 'CMYK JPEG')!;
    const deep = cases.find((c) => c.what === '16-bit PNG with alpha')!;
    await dropContent(UNICODE_PHOTO, cmyk.bytes);
    await dropFile(page, styles(), UNICODE_STYLE, deep.bytes, 'image/png');
    await styles().getByRole('img', { name: UNICODE_STYLE }).waitFor();
    const first = await startRun();
    // Chromium converts CMYK without a colour profile: a little off the sRGB red, but red.
    expect(distance(halfPixel(first, 'left'), CMYK_RED)).toBeLessThanOrEqual(cmyk.tolerance);
    await page.getByText(/^Finished 3 iterations in /).waitFor({ timeout: 120_000 });

    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('café_photo_🌅-Ölgemälde_–_Stil.png');
    const bytes = await readFile(await file.path());
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'png', width: RUN_SIZE, height: 43 });
  }, 180_000);
});
