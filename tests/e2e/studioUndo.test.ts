import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import { withPngRunRecord } from '../../renderer/metadata/pngRunRecord.js';
import { studioRunRecord } from '../../renderer/state/studioRunRecord.js';
import { dropFile, setNumber } from './pageHelpers.js';
import { closeStudioPage, openStudioPage, openWithPhotoAndStyle, type StudioPage } from './studioPage.js';
import { ROOT } from './webBuild.js';
import { IMAGES, missingForStudioTest } from './requirements.js';

// The studio's run inputs are a document with undo and redo (Ctrl+Z, Ctrl+Shift+Z): settings, masks, styles
// and the photo come back, also after a replacement; a dropped Pastiche export asks before it replaces anything.
// No run is needed: the engine only has to be ready.

const ARTIFACTS = path.join(ROOT, 'test-results');
const EXPORT_NAME = 'coffee-starry_night.png';

/** A picture as Pastiche exports it: a PNG carrying the run record of 96 px, seed 777. */
async function pasticheExport(): Promise<Uint8Array> {
  const png = new Uint8Array(await sharp(path.join(IMAGES, 'coffee.jpg')).resize(96).png().toBuffer());
  const record = studioRunRecord({
    settings: { ...DEFAULT_SETTINGS, size: 96, iterations: 40, seed: 777 },
    contentName: 'coffee.jpg',
    styleNames: ['starry_night.jpg'],
    layers: { content: ['relu2_2'], style: ['relu1_1'], styleWeights: [1] },
    modelLocation: '',
    appVersion: '0.0.0',
    stopped: false,
  });
  return withPngRunRecord(png, record);
}

const missing = missingForStudioTest('the studio undo end-to-end test');

describe.skipIf(missing.length > 0)('undo, redo and dropping an export back in the studio (Chromium, web build, real VGG19 weights)', () => {
  let studio: StudioPage | undefined;
  let page: Page;

  beforeAll(async () => {
    studio = await openStudioPage({ viewport: { width: 1440, height: 900 } });
    page = studio.page;
    await mkdir(ARTIFACTS, { recursive: true });
  }, 300_000);

  afterAll(() => closeStudioPage(studio));

  const content = () => page.getByRole('region', { name: 'Content image' });
  const maskStatus = () => page.getByRole('status', { name: 'Mask in use' });
  const outputSize = () => page.getByLabel('Output size', { exact: true });
  const undo = () => page.keyboard.press('Control+z');
  const redo = () => page.keyboard.press('Control+Shift+z');

  it('undoes and redoes settings, masks, styles and a replaced photo; an export dropped back asks first', async () => {
    await openWithPhotoAndStyle(studio!);
    const styles = page.getByRole('region', { name: 'Style images' });
    expect(await page.getByText('Undo', { exact: true }).count()).toBe(1);

    // Settings: a typed value is one step.
    const before = await outputSize().inputValue();
    await setNumber(page, 'Output size', 200);
    // Out of the field, so that only the studio's undo (not the field's own text undo) can bring the value back.
    await outputSize().blur();
    await undo();
    await expect.poll(() => outputSize().inputValue()).toBe(before);
    await redo();
    await expect.poll(() => outputSize().inputValue()).toBe('200');

    // A mask stroke, then clearing the mask: undo brings the stroke back, and undoes the stroke itself.
    await page.getByRole('button', { name: 'Paint mask' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paint mask' });
    const box = (await dialog.getByLabel('Mask canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.8, { steps: 6 });
    await page.mouse.up();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => maskStatus().innerText()).toBe('Keep mask');
    await page.getByRole('button', { name: 'Clear the mask' }).click();
    await expect.poll(() => maskStatus().count()).toBe(0);
    await undo();
    await expect.poll(() => maskStatus().count()).toBe(1);
    await undo();
    await expect.poll(() => maskStatus().count()).toBe(0);
    await redo();
    await expect.poll(() => maskStatus().count()).toBe(1);

    // A removed style comes back.
    await styles.getByRole('button', { name: 'Remove starry_night.jpg' }).click();
    await expect.poll(() => styles.getByRole('img', { name: 'starry_night.jpg' }).count()).toBe(0);
    await undo();
    await styles.getByRole('img', { name: 'starry_night.jpg' }).waitFor();

    // A Pastiche export dropped on the stage replaces nothing until the user chooses.
    const exported = await pasticheExport();
    const stage = page.getByRole('img', { name: 'Preview' });
    await dropFile(page, stage, EXPORT_NAME, exported, 'image/png');
    const offer = page.getByRole('status', { name: 'Settings found in the image' });
    await offer.getByRole('button', { name: 'Use as photo' }).waitFor();
    expect(await offer.innerText()).toContain('Load its settings, or use the picture as the new photo?');
    expect(await content().getByRole('img', { name: 'chelsea.jpg' }).count()).toBe(1);
    expect(await maskStatus().innerText()).toBe('Keep mask');
    await page.screenshot({ path: path.join(ARTIFACTS, 'export-dropped-back.png') });
    await offer.getByRole('button', { name: 'Load settings' }).click();
    await expect.poll(() => outputSize().inputValue()).toBe('96');
    expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('777');
    expect(await content().getByRole('img', { name: 'chelsea.jpg' }).count()).toBe(1);
    expect(await maskStatus().innerText()).toBe('Keep mask');

    // Used as the photo, it replaces chelsea.jpg (and its mask); undo brings both back, then the settings before the load.
    await dropFile(page, stage, EXPORT_NAME, exported, 'image/png');
    await offer.getByRole('button', { name: 'Use as photo' }).click();
    await content().getByRole('img', { name: EXPORT_NAME }).waitFor();
    expect(await maskStatus().count()).toBe(0);
    await undo();
    await content().getByRole('img', { name: 'chelsea.jpg' }).waitFor();
    await expect.poll(() => maskStatus().innerText()).toBe('Keep mask');
    expect(await styles.getByRole('img', { name: 'starry_night.jpg' }).count()).toBe(1);
    await undo();
    await expect.poll(() => outputSize().inputValue()).toBe('200');
    await redo();
    await redo();
    await content().getByRole('img', { name: EXPORT_NAME }).waitFor();
  }, 300_000);
});
