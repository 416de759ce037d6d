import { z } from 'zod';
import { openImage } from '../files/openImage.js';
import { HostError } from '../hostError.js';
import { defineHandler } from './handler.js';
import { tokenSchema } from './schemas.js';

export const openRecent = defineHandler({
  method: 'openRecent',
  args: z.tuple([tokenSchema]),
  async run(ctx, [token]) {
    const { path } = ctx.grants.resolve(token);
    const entry = (await ctx.recent.list()).find((e) => e.path === path);
    if (!entry) {
      ctx.recentChanged();
      throw new HostError('That file is no longer in the recent list (it was moved or deleted).');
    }
    return openImage(ctx, entry.path, 'recent', entry.role);
  },
});
