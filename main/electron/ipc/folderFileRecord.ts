import { z } from 'zod';
import { outputFileRecord } from '../../node/outputFolder/outputFileRecord.js';
import { defineHandler } from './handler.js';
import { outputFileNameSchema, outputFolderTokenSchema } from './outputFileSchema.js';

export const folderFileRecord = defineHandler({
  method: 'folderFileRecord',
  args: z.tuple([outputFolderTokenSchema, outputFileNameSchema]),
  run: (ctx, [token, name]) => outputFileRecord(ctx.outputFolders.resolve(token), name),
});
