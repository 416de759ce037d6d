import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

export const cancelModelDownload = defineHandler({
  method: 'cancelModelDownload',
  args: noArgs,
  run: async (ctx) => ctx.models.cancel(),
});
