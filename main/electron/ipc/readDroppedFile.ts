import { z } from 'zod';
import { checkedImage, MAX_IMAGE_FILE_BYTES } from '../files/readImageFile.js';
import { openImage } from '../files/openImage.js';
import { defineHandler } from './handler.js';
import { absolutePathSchema, bytesSchema, fileNameSchema } from './schemas.js';

/**
 * A file dropped on the studio. The preload sends the path Electron gives for the real File object
 * (webUtils.getPathForFile); a File with no path (an image pasted from the clipboard) comes as bytes, which
 * get the same checks but no token, since there is no file to reveal or reopen.
 */
const dropped = z.union(
  [z.strictObject({ path: absolutePathSchema }), z.strictObject({ name: fileNameSchema, bytes: bytesSchema(MAX_IMAGE_FILE_BYTES) })],
  { error: 'expected a dropped file as { path } or { name, bytes }' },
);

export const readDroppedFile = defineHandler({
  method: 'readDroppedFile',
  args: z.tuple([dropped]),
  async run(ctx, [file]) {
    if ('path' in file) return openImage(ctx, file.path, 'drop');
    return checkedImage(file.name, file.bytes);
  },
});
