import { z } from 'zod';
import { defineHandler } from './handler.js';

export const setRunActive = defineHandler({
  method: 'setRunActive',
  args: z.tuple([z.boolean()]),
  run: async (ctx, [active]) => ctx.runActivity.set(active),
});
