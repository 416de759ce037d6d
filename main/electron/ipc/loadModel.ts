import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

export const loadModel = defineHandler({
  method: 'loadModel',
  args: noArgs,
  run: (ctx) => ctx.models.files(),
});
