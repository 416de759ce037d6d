import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

export const getSettings = defineHandler({
  method: 'getSettings',
  args: noArgs,
  run: async (ctx) => ctx.settings.studio(),
});
