import path from 'node:path';
import type { ImageRole } from '../../../app/host/contract.js';
import type { GrantSource } from '../../node/pathGrants/pathGrants.js';
import type { MainContext } from '../context.js';
import { showMessageBox } from '../dialogs.js';
import { userMessage } from '../hostError.js';
import { openImage } from './openImage.js';

/** Opens one image main was given outside the studio and hands it over as an open-file command. */
export async function openForStudio(ctx: MainContext, file: string, role: ImageRole, source: GrantSource): Promise<boolean> {
  try {
    const image = await openImage(ctx, file, source, role);
    ctx.commands.send({ type: 'open-file', file: image, role });
    return true;
  } catch (e) {
    await showMessageBox(ctx, { type: 'error', title: 'Pastiche', message: `Could not open "${path.basename(file)}"`, detail: userMessage(e) });
    return false;
  }
}

/**
 * Files from the command line, a second instance or the OS: the first is the content image, the others
 * styles (`pastiche photo.jpg starry-night.jpg`). Problems are shown one dialog per file.
 */
export async function openFilesFromSystem(ctx: MainContext, files: readonly string[], source: GrantSource): Promise<void> {
  for (const [i, file] of files.entries()) await openForStudio(ctx, file, i === 0 ? 'content' : 'style', source);
}
