import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

export const readLogs = defineHandler({
  method: 'readLogs',
  args: noArgs,
  run: (ctx) => ctx.log.read(),
});
