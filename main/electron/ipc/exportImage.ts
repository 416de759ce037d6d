import path from 'node:path';
import { app } from 'electron';
import { z } from 'zod';
import type { ExportFormat } from '../../../app/host/contract.js';
import { writeFileAtomic } from '../../node/fs/atomicWrite.js';
import type { MainContext } from '../context.js';
import { showSaveDialog } from '../dialogs.js';
import { FORMAT_EXTENSIONS, FORMAT_NAMES, safeFileName, withFormatExtension } from '../files/exportName.js';
import { sniffImage } from '../files/imageSignature.js';
import { HostError } from '../hostError.js';
import { defineHandler } from './handler.js';
import { MAX_IPC_IMAGE_BYTES } from './ipcLimits.js';
import { bytesSchema, exportFormatSchema, fileNameSchema } from './schemas.js';

/** What one IPC message can carry (see ipcLimits.ts); the preload refuses larger pictures with a sentence saying so. */
export const MAX_EXPORT_BYTES = MAX_IPC_IMAGE_BYTES;

const request = z.strictObject({ suggestedName: fileNameSchema, format: exportFormatSchema, bytes: bytesSchema(MAX_EXPORT_BYTES) });

/** Asks where to save. The dialog itself confirms replacing an existing file (on Linux, by the flag below). */
async function chooseTarget(ctx: MainContext, suggestedName: string, format: ExportFormat): Promise<string | null> {
  const folder = ctx.settings.folder('export') ?? app.getPath('pictures');
  const result = await showSaveDialog(ctx, {
    title: 'Export image',
    defaultPath: path.join(folder, withFormatExtension(safeFileName(suggestedName), format)),
    filters: [{ name: `${FORMAT_NAMES[format]} image`, extensions: [...FORMAT_EXTENSIONS[format]] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  return result.canceled || !result.filePath ? null : result.filePath;
}

export const exportImage = defineHandler({
  method: 'exportImage',
  args: z.tuple([request]),
  async run(ctx, [{ suggestedName, format, bytes }]) {
    if (sniffImage(bytes) !== format) throw new HostError(`The image to export is not ${FORMAT_NAMES[format]} data; nothing was saved.`);
    const chosen = await chooseTarget(ctx, suggestedName, format);
    if (!chosen) return { saved: false };
    // The dialog confirmed replacing `chosen` only: a name we complete with the extension must be new.
    const target = withFormatExtension(chosen, format);
    await writeFileAtomic(target, bytes, { overwrite: target === chosen });
    await ctx.settings.setFolder('export', path.dirname(target));
    return { saved: true, token: ctx.grants.grant(target, 'export'), displayPath: target };
  },
});
