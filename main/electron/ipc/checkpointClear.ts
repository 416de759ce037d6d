import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

export const checkpointClear = defineHandler({
  method: 'checkpointClear',
  args: noArgs,
  run: (ctx) => ctx.checkpoints.clear(),
});
