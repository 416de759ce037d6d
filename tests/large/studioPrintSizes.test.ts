import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, fitLongestSide, type StyleSettings } from '../../app/index.js';
import { engineWorkerPath, openEnginePage, pictureAt, runEngineSession, type EnginePage, type Picture } from '../e2e/engineHarness.js';
import { IMAGES, missingForStudioTest } from '../e2e/requirements.js';

/**
 * Print sizes in the studio's wasm fallback (issue 12 §5): the studio's own engine worker in Chromium, under
 * the desktop app's headers, on one wasm thread, paints chelsea.jpg at 1024, 2048 and 4096 px (in tiles where
 * the one-pass limit, from what the wasm heap holds, asks for them) for one iteration and hands back the whole picture.
 * Before the engine's own backward pass such sizes ran the 4 GiB wasm heap out. Slow: `npm run test:large`.
 */
const missing = missingForStudioTest('the studio print-size test');

let engine: EnginePage | undefined;
let page: Page;
let content: Picture;
let style: Picture;

describe.skipIf(missing.length > 0)('print sizes in the studio’s engine worker (wasm, Chromium, real weights)', () => {
  beforeAll(async () => {
    engine = await openEnginePage();
    page = engine.page;
    content = await pictureAt(path.join(IMAGES, 'chelsea.jpg'), 1024);
    style = await pictureAt(path.join(IMAGES, 'starry_night.jpg'), 640);
  }, 300_000);

  afterAll(() => engine?.close());

  for (const size of [1024, 2048, 4096]) {
    it(`paints chelsea.jpg at ${size} px for one iteration and returns the whole picture`, { timeout: 120 * 60_000 }, async () => {
      const settings: StyleSettings = { ...DEFAULT_SETTINGS, size, startSize: size, iterations: 1, seed: 1 };
      const session = await runEngineSession(page, engineWorkerPath(), {
        backend: 'wasm',
        options: { threads: 1, trials: {} },
        runs: [settings],
        content,
        style,
        timeoutMs: 110 * 60_000,
        pixelsBack: false,
      });
      expect(session.failure).toBeNull();
      expect(session.backend?.name).toBe('wasm');
      const [run] = session.runs;
      expect(run?.iterations).toBe(1);
      expect({ width: run?.image.width, height: run?.image.height }).toEqual(fitLongestSide(content.width, content.height, size));
      expect(run!.range).toBeGreaterThan(100);
      expect(run!.costs.at(-1)!.total).toBeGreaterThan(0);
      // Every tensor of the run is freed: the count after it is the count before it.
      expect(session.tensors[1]).toBe(session.tensors[0]);
    });
  }
});
