import path from 'node:path';
import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

export const recentFiles = defineHandler({
  method: 'recentFiles',
  args: noArgs,
  async run(ctx) {
    const entries = await ctx.recent.list();
    return entries.map((e) => ({ name: path.basename(e.path), role: e.role, token: ctx.grants.grant(e.path, 'recent') }));
  },
});
