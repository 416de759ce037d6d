import { z } from 'zod';
import { defineHandler } from './handler.js';
import { historyIdSchema } from './schemas.js';

export const historyDelete = defineHandler({
  method: 'historyDelete',
  args: z.tuple([historyIdSchema]),
  run: (ctx, [id]) => ctx.history.delete(id),
});
