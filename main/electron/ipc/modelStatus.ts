import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

export const modelStatus = defineHandler({
  method: 'modelStatus',
  args: noArgs,
  run: (ctx) => ctx.models.status(),
});
