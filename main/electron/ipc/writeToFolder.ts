import { z } from 'zod';
import { writeOutputFile } from '../../node/outputFolder/writeOutputFile.js';
import { sniffImage } from '../files/imageSignature.js';
import { HostError } from '../hostError.js';
import { defineHandler } from './handler.js';
import { MAX_EXPORT_BYTES } from './exportImage.js';
import { outputFileNameSchema, outputFolderTokenSchema } from './outputFileSchema.js';
import { bytesSchema } from './schemas.js';

/** Only images the studio encodes go into an output folder. */
const WRITABLE = ['png', 'jpeg', 'webp'];

export const writeToFolder = defineHandler({
  method: 'writeToFolder',
  args: z.tuple([outputFolderTokenSchema, outputFileNameSchema, bytesSchema(MAX_EXPORT_BYTES)]),
  async run(ctx, [token, name, bytes]) {
    const kind = sniffImage(bytes);
    if (!kind || !WRITABLE.includes(kind)) throw new HostError(`“${name}” is not PNG, JPEG or WebP data; nothing was saved.`);
    return writeOutputFile(ctx.outputFolders.resolve(token), name, bytes);
  },
});
