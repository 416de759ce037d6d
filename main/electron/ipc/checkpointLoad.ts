import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

export const checkpointLoad = defineHandler({
  method: 'checkpointLoad',
  args: noArgs,
  run: (ctx) => ctx.checkpoints.load(),
});
