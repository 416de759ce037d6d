import type { RunCheckpoint } from '../../app/host/contract.js';
import type { RgbaImage } from '../../app/index.js';
import { detachedCopy } from '../engine/protocol.js';
import { decodeImage } from '../image/decodeImage.js';
import { rasterize } from '../image/rasterize.js';
import { openRunInputs } from './openRunInputs.js';
import { runInputs } from './runInputs.js';
import type { Studio } from './studio.svelte.js';
import { settingsFromRun } from './studioRunRecord.js';
import { userMessage } from './userMessage.js';

/** Smallest first scale the engine accepts, px. */
const MIN_START_SIZE = 16;

async function pictureOf(checkpoint: RunCheckpoint): Promise<RgbaImage> {
  const decoded = await decodeImage({ name: 'checkpoint.png', bytes: checkpoint.image });
  try {
    return rasterize(decoded.bitmap);
  } finally {
    decoded.bitmap.close();
  }
}

/**
 * Resumes an unfinished run: its images, blend weights, masks and settings come back, and the engine goes on
 * from the kept picture for the iterations that were left, starting at the scale the picture was made at.
 */
export async function resumeRun(studio: Studio, checkpoint: RunCheckpoint): Promise<boolean> {
  if (studio.run.active || studio.exporter.busy || studio.engine.phase !== 'ready') {
    studio.notices.info('Wait until Start is available, then resume the run.');
    return false;
  }
  try {
    const picture = await pictureOf(checkpoint);
    const whole = checkpoint.settings;
    const opened = await studio.undo.group(async () => {
      const result = await openRunInputs(studio, checkpoint.inputs);
      if (result !== 'failed') studio.settings = settingsFromRun(whole, $state.snapshot(studio.settings));
      return result;
    });
    if (opened === 'failed') {
      studio.notices.error('The images of the unfinished run could not be opened again.');
      return false;
    }
    if (opened === 'masks-left-out') studio.notices.info('The painted masks of the unfinished run did not fit the photo and were left out.');
    const { content, styles } = studio.images;
    const { inputs, source } = runInputs(content!, styles, whole.size);
    const creative = studio.creative(content!, styles);
    const settings = {
      ...whole,
      init: 'image' as const,
      iterations: Math.max(1, whole.iterations - checkpoint.iteration),
      startSize: Math.min(whole.size, Math.max(MIN_START_SIZE, picture.width, picture.height)),
    };
    const run = studio.run;
    run.source = source;
    run.result = null;
    run.upscaled = null;
    studio.checkpointer.resuming(whole, checkpoint.iteration);
    studio.engine.start('render', { ...inputs, ...creative.masks, initImage: detachedCopy(picture) }, settings, picture);
    run.iterationOffset = checkpoint.iteration;
    return true;
  } catch (e) {
    studio.notices.error(`The unfinished run could not be resumed. ${userMessage(e, 'resuming the run')}`);
    return false;
  }
}
