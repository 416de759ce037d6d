import { z } from 'zod';
import { MAX_LOG_MESSAGE } from '../../../app/host/logLine.js';
import { defineHandler } from './handler.js';

export const log = defineHandler({
  method: 'log',
  args: z.tuple([z.enum(['info', 'warn', 'error']), z.string().max(MAX_LOG_MESSAGE)]),
  run: async (ctx, [level, message]) => ctx.log.write(level, 'studio', message),
});
