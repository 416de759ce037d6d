import { mkdir } from 'node:fs/promises';
import { app } from 'electron';
import { z } from 'zod';
import { writeUniqueFile } from '../../node/outputFolder/writeUniqueFile.js';
import { sniffImage } from '../files/imageSignature.js';
import { HostError } from '../hostError.js';
import { defineHandler } from './handler.js';
import { MAX_IPC_IMAGE_BYTES } from './ipcLimits.js';
import { outputFileNameSchema } from './outputFileSchema.js';
import { bytesSchema } from './schemas.js';

const WRITABLE = ['png', 'jpeg', 'webp'];

/**
 * A batch result with no folder chosen: written by main into the system's Downloads folder, atomically, under
 * the first free name, without a dialog per photo (an <a download> in Electron would ask for each, and report
 * "saved" even when the user cancelled).
 */
export const saveToDownloads = defineHandler({
  method: 'saveToDownloads',
  args: z.tuple([outputFileNameSchema, bytesSchema(MAX_IPC_IMAGE_BYTES)]),
  async run(_ctx, [name, bytes]) {
    const kind = sniffImage(bytes);
    if (!kind || !WRITABLE.includes(kind)) throw new HostError(`“${name}” is not PNG, JPEG or WebP data; nothing was saved.`);
    const downloads = app.getPath('downloads');
    await mkdir(downloads, { recursive: true });
    return writeUniqueFile(downloads, name, bytes);
  },
});
