import { z } from 'zod';
import { historyFieldsShape, MAX_RESULT_BYTES, MAX_THUMBNAIL_BYTES } from '../../node/history/historySchema.js';
import { inputsSchema } from './checkpointSave.js';
import { defineHandler } from './handler.js';
import { pngBytesSchema } from './schemas.js';

/** A run to keep: its description and two PNGs; unknown keys (a prototype key among them) are refused. */
const NewHistoryEntrySchema = z.strictObject({
  ...historyFieldsShape,
  thumbnail: pngBytesSchema(MAX_THUMBNAIL_BYTES),
  result: pngBytesSchema(MAX_RESULT_BYTES),
  inputs: inputsSchema.optional(),
});

export const historyAdd = defineHandler({
  method: 'historyAdd',
  args: z.tuple([NewHistoryEntrySchema]),
  run: (ctx, [entry]) => ctx.history.add(entry),
});
