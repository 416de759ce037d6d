import path from 'node:path';
import type { ImageFile, ImageRole } from '../../../app/host/contract.js';
import type { GrantSource } from '../../node/pathGrants/pathGrants.js';
import type { MainContext } from '../context.js';
import { readImageFile } from './readImageFile.js';

/** Puts `file` first in the recent list; a failure to save the list is logged, never fatal to opening. */
export async function rememberRecent(ctx: MainContext, file: string, role: ImageRole): Promise<void> {
  try {
    await ctx.recent.add(file, role);
    ctx.recentChanged();
  } catch (e) {
    console.error(`pastiche: could not update the recent files list`, e);
  }
}

/**
 * Opens an image main got from a trusted source (dialog, drop, command line, OS, recent list): reads and checks
 * it, then grants its path a token for the studio. With a role, it also goes to the recent list.
 */
export async function openImage(ctx: MainContext, file: string, source: GrantSource, role?: ImageRole): Promise<ImageFile> {
  const absolute = path.resolve(file);
  const image = await readImageFile(absolute);
  const token = ctx.grants.grant(absolute, source);
  if (role) await rememberRecent(ctx, absolute, role);
  return { name: image.name, bytes: image.bytes, token };
}
