import { z } from 'zod';
import type { HistoryEntry } from '../../../app/host/contract.js';
import { StyleSettingsSchema } from '../metadata/styleSettingsSchema.js';

/** Most runs the history keeps; adding one more removes the oldest. */
export const MAX_HISTORY_ENTRIES = 100;
/** Largest result kept (a 4096 px PNG is well under this) and largest thumbnail. */
export const MAX_RESULT_BYTES = 128 * 1024 * 1024;
export const MAX_THUMBNAIL_BYTES = 2 * 1024 * 1024;
const MAX_SIDE = 20_000;

const name = z.string().min(1).max(255);
const side = z.int().min(1).max(MAX_SIDE);

/** What describes a run (everything but the id, time and images), shared by the index and the IPC payload. */
export const historyFieldsShape = {
  contentName: name,
  styleNames: z.array(name).min(1).max(64),
  settings: StyleSettingsSchema,
  stopped: z.boolean(),
  width: side,
  height: side,
};

export const HistoryEntrySchema = z.strictObject({
  id: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  ...historyFieldsShape,
  /** The entry's inputs lie in <id>.inputs.bin (entries kept before inputs were kept have none). */
  withInputs: z.boolean().optional(),
}) satisfies z.ZodType<HistoryEntry>;

/** history/index.json: the entries, newest first. */
export const HistoryIndexSchema = z.strictObject({
  version: z.literal(1),
  entries: z.array(HistoryEntrySchema).max(MAX_HISTORY_ENTRIES),
});

export type HistoryIndex = z.infer<typeof HistoryIndexSchema>;
