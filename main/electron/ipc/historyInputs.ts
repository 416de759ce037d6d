import { z } from 'zod';
import { defineHandler } from './handler.js';
import { historyIdSchema } from './schemas.js';

export const historyInputs = defineHandler({
  method: 'historyInputs',
  args: z.tuple([historyIdSchema]),
  run: (ctx, [id]) => ctx.history.inputs(id),
});
