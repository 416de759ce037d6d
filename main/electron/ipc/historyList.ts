import { defineHandler } from './handler.js';
import { noArgs } from './schemas.js';

export const historyList = defineHandler({
  method: 'historyList',
  args: noArgs,
  run: async (ctx) => ctx.history.list(),
});
