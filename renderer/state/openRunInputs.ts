import type { CheckpointInputs } from '../../app/host/contract.js';
import { restoreCreative } from './checkpointInputs.js';
import type { Studio } from './studio.svelte.js';

export type OpenedInputs = 'opened' | 'masks-left-out' | 'failed';

/**
 * Opens a run's photo and styles in place of those on screen and puts its blend weights and masks back on
 * them ('masks-left-out' when a mask did not fit the photo). The files are placed as they are: a Pastiche
 * export among them offers no settings. Undo brings back what was on screen.
 */
export async function openRunInputs(studio: Studio, inputs: CheckpointInputs): Promise<OpenedInputs> {
  const { images, intake } = studio;
  for (const style of images.styles) images.removeStyle(style.id);
  images.removeContent();
  await intake.place([inputs.content], 'content');
  await intake.place(inputs.styles, 'style');
  const { content, styles } = images;
  if (!content || styles.length !== inputs.styles.length) return 'failed';
  return restoreCreative(inputs, content, styles, studio.blend, studio.masks) ? 'opened' : 'masks-left-out';
}
