import { z } from 'zod';
import { defineHandler } from './handler.js';
import { historyIdSchema } from './schemas.js';

export const historyImage = defineHandler({
  method: 'historyImage',
  args: z.tuple([historyIdSchema, z.enum(['thumbnail', 'result'])]),
  run: (ctx, [id, kind]) => ctx.history.image(id, kind),
});
