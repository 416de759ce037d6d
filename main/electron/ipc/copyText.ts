import { clipboard } from 'electron';
import { z } from 'zod';
import { defineHandler } from './handler.js';

/** The Logs panel copies at most the log it was shown (readLogs hands over far less than this). */
export const MAX_COPY_CHARS = 4 * 1024 * 1024;

/**
 * Puts text on the system clipboard from main: the renderer's navigator.clipboard needs the
 * clipboard-sanitized-write permission, which the session refuses like every other permission.
 */
export const copyText = defineHandler({
  method: 'copyText',
  args: z.tuple([z.string().max(MAX_COPY_CHARS)]),
  async run(_ctx, [text]) {
    clipboard.writeText(text);
  },
});
