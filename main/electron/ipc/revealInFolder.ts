import { stat } from 'node:fs/promises';
import path from 'node:path';
import { shell } from 'electron';
import { z } from 'zod';
import { HostError } from '../hostError.js';
import { defineHandler } from './handler.js';
import { tokenSchema } from './schemas.js';

export const revealInFolder = defineHandler({
  method: 'revealInFolder',
  args: z.tuple([tokenSchema]),
  async run(ctx, [token]) {
    const { path: file } = ctx.grants.resolve(token);
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    if (!exists) throw new HostError(`"${path.basename(file)}" no longer exists where it was saved.`);
    shell.showItemInFolder(file);
  },
});
