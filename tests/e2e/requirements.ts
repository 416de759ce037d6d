import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromiumAvailable } from './browser.js';
import { ROOT } from './webBuild.js';

/** The shared test assets beside the project: the real VGG19 prefix and the public-domain images. */
export const MODEL_DIR = path.resolve(ROOT, '../shared/models/vgg19');
export const IMAGES = path.resolve(ROOT, '../shared/images');

/**
 * What a studio test in Chromium with the real weights lacks here, as phrases; it warns once, naming the
 * test, so a skipped test says why.
 */
export function missingForStudioTest(testName: string): string[] {
  const missing = [
    !chromiumAvailable() && 'Chromium is not installed (apt-get install chromium)',
    !existsSync(path.join(MODEL_DIR, 'model.json')) && `the VGG19 weights are not at ${MODEL_DIR}`,
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length) console.warn(`Skipping ${testName}: ${missing.join('; ')}.`);
  return missing;
}
