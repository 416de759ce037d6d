import path from 'node:path';
import { z } from 'zod';
import type { ImageFile, ImageRole } from '../../../app/host/contract.js';
import type { MainContext } from '../context.js';
import { showOpenDialog } from '../dialogs.js';
import { IMAGE_EXTENSIONS } from '../files/imageSignature.js';
import { openImage } from '../files/openImage.js';
import { HostError } from '../hostError.js';
import { defineHandler } from './handler.js';
import { roleSchema } from './schemas.js';

/** More style images than this make no visible difference and only slow a run down. */
export const MAX_IMAGES_PER_OPEN = 16;

const TITLES: Readonly<Record<ImageRole, string>> = { content: 'Open content image', style: 'Add style images' };

async function chooseFiles(ctx: MainContext, role: ImageRole, multiple: boolean): Promise<string[]> {
  const result = await showOpenDialog(ctx, {
    title: TITLES[role],
    defaultPath: ctx.settings.folder(role),
    properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    filters: [{ name: 'Images', extensions: [...IMAGE_EXTENSIONS] }],
  });
  return result.canceled ? [] : result.filePaths;
}

export const openImages = defineHandler({
  method: 'openImages',
  args: z.tuple([roleSchema, z.boolean()]),
  async run(ctx, [role, multiple]) {
    const files = await chooseFiles(ctx, role, multiple);
    if (files.length > MAX_IMAGES_PER_OPEN) throw new HostError(`Choose at most ${MAX_IMAGES_PER_OPEN} images at a time.`);
    const images: ImageFile[] = [];
    for (const file of files) images.push(await openImage(ctx, file, 'dialog', role));
    if (files[0]) await ctx.settings.setFolder(role, path.dirname(files[0]));
    return images;
  },
});
