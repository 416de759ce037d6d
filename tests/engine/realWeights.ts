import { existsSync } from 'node:fs';
import path from 'node:path';

/** The genuine (partial, conv1_1–conv3_4) ImageNet VGG19 weights shared with this project, if present. */
export const REAL_WEIGHTS_DIR = path.resolve(import.meta.dirname, '../../../shared/models/vgg19');
export const SHARED_IMAGES_DIR = path.resolve(import.meta.dirname, '../../../shared/images');
export const HAS_REAL_WEIGHTS = existsSync(path.join(REAL_WEIGHTS_DIR, 'model.json'));

if (!HAS_REAL_WEIGHTS) {
  console.warn(`Skipping tests that need the real VGG19 weights: ${REAL_WEIGHTS_DIR} is absent.`);
}
