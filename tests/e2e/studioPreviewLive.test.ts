import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunMetadata } from '../../main/node/metadata/readRunMetadata.js';
import { iterationsDone, meanDifference, previewPixels, setNumber } from './pageHelpers.js';
import { closeStudioPage, openStudioPage, openWithPhotoAndStyle, type StudioPage } from './studioPage.js';
import { missingForStudioTest } from './requirements.js';
import { ROOT } from './webBuild.js';

const ARTIFACTS = path.join(ROOT, 'test-results');

// The preview feels live: the first frame on the stage is the first iteration's picture, frames come by time
// (previewSeconds) rather than every 10 iterations, a new scale shows the picture at its size at once, and
// Pause shows the picture at the paused iteration, which Export then saves as it is.

/** 181 px: two scales, 128 × 85 then 181 × 120; 30 iterations share out as 17 at 128 px and 13 at 181 px. */
const SIZE = 181;
const ITERATIONS = 30;
const FIRST_SCALE_ITERATIONS = 17;

/** A picture the stage showed: the run's point it says it is from (data attributes), its size, and the counter then. */
interface SeenFrame {
  iteration: number;
  scale: number;
  width: number;
  height: number;
  counter: number;
}

/**
 * Records, in the page, every picture the stage shows that is labelled as an engine frame. A MutationObserver
 * sees each update of the preview canvas, however quickly frames follow each other.
 */
async function recordFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: SeenFrame[] = [];
    (window as unknown as { seenFrames: SeenFrame[] }).seenFrames = seen;
    const look = () => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas[aria-label="Preview"]');
      const iteration = canvas?.dataset.frameIteration;
      if (!canvas || iteration === undefined) return;
      const frame = {
        iteration: Number(iteration),
        scale: Number(canvas.dataset.frameScale),
        width: canvas.width,
        height: canvas.height,
        counter: Number(document.querySelector('[role="progressbar"][aria-label="Progress"]')?.getAttribute('aria-valuenow') ?? NaN),
      };
      const last = seen.at(-1);
      if (!last || last.iteration !== frame.iteration || last.scale !== frame.scale) seen.push(frame);
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-frame-iteration', 'data-frame-scale', 'width'] });
  });
}

const seenFrames = (page: Page) => page.evaluate(() => (window as unknown as { seenFrames: SeenFrame[] }).seenFrames);

/** The stage picture's own label, as the page shows it now. */
async function stageLabel(page: Page): Promise<{ iteration: number; scale: number } | null> {
  const canvas = page.getByRole('img', { name: 'Preview', exact: true });
  const iteration = await canvas.getAttribute('data-frame-iteration');
  return iteration === null ? null : { iteration: Number(iteration), scale: Number(await canvas.getAttribute('data-frame-scale')) };
}

const missing = missingForStudioTest('the live preview end-to-end test');

describe.skipIf(missing.length > 0)('the live preview (Chromium, web build, real VGG19 weights)', () => {
  let studio: StudioPage | undefined;
  let page: Page;

  beforeAll(async () => {
    studio = await openStudioPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = studio.page;
  }, 300_000);

  afterAll(() => closeStudioPage(studio));

  it('shows the first iteration, frames by time, each new scale at once, and the paused picture, which Export saves', async () => {
    await openWithPhotoAndStyle(studio!);
    await setNumber(page, 'Output size', SIZE);
    await setNumber(page, 'Iterations', ITERATIONS);
    await recordFrames(page);

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const started = Date.now();
    // Frames until the second scale has shown its picture and run an iteration there (12 more are left to pause in).
    await expect.poll(async () => (await seenFrames(page)).some((f) => f.scale === 2 && f.iteration >= FIRST_SCALE_ITERATIONS + 1), { timeout: 240_000, interval: 100 }).toBe(true);
    const frames = await seenFrames(page);
    console.log(`frames (iteration/scale/width, counter then): ${frames.map((f) => `${f.iteration}/${f.scale}/${f.width} (${f.counter})`).join(', ')}; ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // The first frame is the picture after the first iteration at 128 px, while the counter is still low
    // (a frame every 10 iterations showed nothing new until iteration 10).
    expect(frames[0]).toMatchObject({ iteration: 1, scale: 1, width: 128, height: 85 });
    expect(frames[0]!.counter).toBeLessThan(10);

    // Frames by time: at 128 px an iteration takes well over a tenth of previewSeconds (0.5 s) on wasm, so
    // frames come a few iterations apart, never the 10 of a count.
    const firstScale = frames.filter((f) => f.scale === 1).map((f) => f.iteration);
    expect(firstScale.length).toBeGreaterThanOrEqual(3);
    const gaps = firstScale.slice(1).map((it, i) => it - firstScale[i]!);
    expect(gaps.every((g) => g > 0)).toBe(true);
    expect(Math.max(...gaps)).toBeLessThan(10);

    // The second scale starts with the picture at its size, before any iteration there: at the last
    // iteration of the first scale.
    const firstOfSecond = frames.find((f) => f.scale === 2)!;
    expect(firstOfSecond).toMatchObject({ iteration: FIRST_SCALE_ITERATIONS, width: SIZE, height: 120 });

    // Pause: the stage shows the picture at the paused iteration, at this scale's size.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Resume', exact: true }).waitFor({ timeout: 60_000 });
    // (The engine pauses after the iteration under way: its frame and its count may still be on their way.)
    await expect.poll(async () => (await stageLabel(page))?.iteration === (await iterationsDone(page)), { timeout: 30_000 }).toBe(true);
    const label = (await stageLabel(page))!;
    expect(label.scale).toBe(2);
    await page.getByText(`Paused at iteration ${label.iteration}`, { exact: true }).waitFor({ timeout: 5_000 });
    expect(await page.locator('.preview .caption').innerText()).toBe(`Paused · ${SIZE} × 120`);
    const onStage = await previewPixels(page);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'preview-paused.png') });
    expect([onStage.width, onStage.height]).toEqual([SIZE, 120]);

    // Export while paused saves exactly the picture on the stage, marked as not a finished run.
    const exportButton = page.getByRole('button', { name: 'Export', exact: true });
    expect(await exportButton.isEnabled()).toBe(true);
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await exportButton.click();
    const file = await download;
    const bytes = await readFile((await file.path())!);
    const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(meanDifference({ width: info.width, height: info.height, data: [...data] }, onStage)).toBe(0);
    expect(file.suggestedFilename()).toBe('chelsea-starry_night.png');
    expect(await readRunMetadata(bytes)).toMatchObject({ settings: { size: SIZE, iterations: ITERATIONS }, stopped: true });
    expect(meanDifference(await previewPixels(page), onStage)).toBe(0);

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByText(/^Stopped at iteration \d+; the picture so far is kept$/).waitFor({ timeout: 60_000 });
  }, 400_000);
});
