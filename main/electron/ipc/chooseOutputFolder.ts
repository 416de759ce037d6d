import { app } from 'electron';
import type { OutputFolder } from '../../../app/host/contract.js';
import { defineHandler } from './handler.js';
import { showOpenDialog } from '../dialogs.js';
import { noArgs } from './schemas.js';

/** A folder dialog for a batch's results; the chosen folder is granted for writing (and only it). */
export const chooseOutputFolder = defineHandler({
  method: 'chooseOutputFolder',
  args: noArgs,
  async run(ctx): Promise<OutputFolder | null> {
    const result = await showOpenDialog(ctx, {
      title: 'Choose a folder for the batch results',
      defaultPath: ctx.settings.folder('export') ?? app.getPath('pictures'),
      properties: ['openDirectory', 'createDirectory'],
    });
    const folder = result.canceled ? undefined : result.filePaths[0];
    if (!folder) return null;
    return { token: ctx.outputFolders.grant(folder), displayPath: folder };
  },
});
