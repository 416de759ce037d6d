import type { CheckpointInputs, CheckpointMask } from '../../app/host/contract.js';
import type { MaskImage } from '../../app/index.js';
import type { MaskRunInputs } from '../mask/maskInputs.js';
import type { LoadedImage } from './images.svelte.js';
import type { MaskSet } from './maskSet.svelte.js';
import type { StyleBlend } from './styleBlendState.svelte.js';

function toCheckpointMask(mask: MaskImage): CheckpointMask {
  return { width: mask.width, height: mask.height, data: new Uint8Array(mask.data.buffer, mask.data.byteOffset, mask.data.byteLength) };
}

const fileOf = async (image: LoadedImage) => ({ name: image.name, bytes: new Uint8Array(await image.original.arrayBuffer()) });

/** What a run of these images is made from, as a checkpoint keeps it: the files, blend weights and the run's masks. */
export async function checkpointInputs(content: LoadedImage, styles: readonly LoadedImage[], blend: StyleBlend, masks: MaskRunInputs): Promise<CheckpointInputs> {
  const inputs: CheckpointInputs = {
    content: await fileOf(content),
    styles: await Promise.all(styles.map(fileOf)),
    styleWeights: styles.map((s) => blend.weight(s.id)),
  };
  if (masks.keepMask) inputs.keepMask = toCheckpointMask(masks.keepMask);
  if (masks.styleMasks) inputs.styleRegions = masks.styleMasks.map(toCheckpointMask);
  return inputs;
}

/** Copies a kept mask into the painted layer, when it was painted at this photo's size. */
function paint(target: MaskImage, kept: CheckpointMask): boolean {
  if (target.width !== kept.width || target.height !== kept.height) return false;
  target.data.set(kept.data);
  return true;
}

/**
 * Puts a checkpoint's blend weights and masks back on the images it was made from (opened again, so with new
 * ids). Returns false when a mask does not fit the photo (it is then left out).
 */
export function restoreCreative(inputs: CheckpointInputs, content: LoadedImage, styles: readonly LoadedImage[], blend: StyleBlend, masks: MaskSet): boolean {
  styles.forEach((s, i) => blend.set(s.id, inputs.styleWeights[i] ?? 1));
  masks.clearAll();
  let fits = true;
  if (inputs.keepMask) fits = paint(masks.layer(content, 'keep'), inputs.keepMask) && fits;
  inputs.styleRegions?.forEach((region, i) => {
    const style = styles[i];
    if (region && style) fits = paint(masks.layer(content, style.id), region) && fits;
  });
  masks.changed();
  return fits;
}
