import path from 'node:path';
import type { OpenDialogOptions } from 'electron';
import type { MainContext } from '../context.js';
import { showMessageBox, showOpenDialog } from '../dialogs.js';
import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

type SourceKind = 'file' | 'folder' | 'either';

/**
 * Only macOS has an open dialog that picks a file or a folder; elsewhere the user says first which one
 * they have. Resolves with null when they cancel.
 */
async function askSourceKind(ctx: MainContext, platform: NodeJS.Platform): Promise<SourceKind | null> {
  if (platform === 'darwin') return 'either';
  const { response } = await showMessageBox(ctx, {
    type: 'question',
    title: 'Import weights',
    message: 'Import VGG19 weights',
    detail:
      'Choose the Keras weights file (vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5) or a TensorFlow.js weights folder (one with model.json).',
    buttons: ['Keras .h5 File…', 'TensorFlow.js Folder…', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
  });
  return response === 0 ? 'file' : response === 1 ? 'folder' : null;
}

const PROPERTIES: Readonly<Record<SourceKind, OpenDialogOptions['properties']>> = {
  file: ['openFile'],
  folder: ['openDirectory'],
  either: ['openFile', 'openDirectory'],
};

async function chooseSource(ctx: MainContext, platform: NodeJS.Platform): Promise<string | null> {
  const kind = await askSourceKind(ctx, platform);
  if (!kind) return null;
  const result = await showOpenDialog(ctx, {
    title: 'Import VGG19 weights',
    defaultPath: ctx.settings.folder('model'),
    properties: PROPERTIES[kind],
    filters: kind === 'folder' ? undefined : [{ name: 'Keras weights', extensions: ['h5', 'hdf5'] }],
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

export const importModel = defineHandler({
  method: 'importModel',
  args: noArgs,
  async run(ctx) {
    ctx.models.checkIdle();
    const source = await chooseSource(ctx, process.platform);
    if (!source) return null;
    const status = await ctx.models.import(source);
    ctx.log.info(`Model imported from ${source}: ${status.layers.length} layers${status.partial ? ' (partial)' : ''}`);
    await ctx.settings.setFolder('model', path.dirname(source));
    return status;
  },
});
