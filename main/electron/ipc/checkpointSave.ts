import { z } from 'zod';
import { MAX_CHECKPOINT_STYLES, MAX_IMAGE_BYTES, MAX_INPUT_BYTES, MAX_MASK_SIDE } from '../../node/checkpoint/checkpointSchema.js';
import { StyleSettingsSchema } from '../../node/metadata/styleSettingsSchema.js';
import { defineHandler } from './handler.js';
import { bytesSchema, fileNameSchema, pngBytesSchema } from './schemas.js';

const fileSchema = z.strictObject({ name: fileNameSchema, bytes: bytesSchema(MAX_INPUT_BYTES) });

const side = z.int().min(1).max(MAX_MASK_SIDE);
const maskSchema = z
  .strictObject({ width: side, height: side, data: bytesSchema(MAX_MASK_SIDE * MAX_MASK_SIDE) })
  .refine((m) => m.data.byteLength === m.width * m.height, { message: 'a mask needs one byte per pixel' });

/** A run's photo, styles, blend weights and masks (also kept with a history entry). */
export const inputsSchema = z
  .strictObject({
    content: fileSchema,
    styles: z.array(fileSchema).min(1).max(MAX_CHECKPOINT_STYLES),
    styleWeights: z.array(z.number().min(0).max(1)).max(MAX_CHECKPOINT_STYLES),
    keepMask: maskSchema.optional(),
    styleRegions: z.array(maskSchema.nullable()).max(MAX_CHECKPOINT_STYLES).optional(),
  })
  .refine((i) => i.styleWeights.length === i.styles.length, { message: 'one blend weight per style is needed' })
  .refine((i) => !i.styleRegions || i.styleRegions.length === i.styles.length, { message: 'one style region (or null) per style is needed' });

/** The unfinished run: unknown keys (a prototype key among them) are refused. */
const NewCheckpointSchema = z.strictObject({
  runId: z.uuid({ message: 'not a run id' }),
  settings: StyleSettingsSchema,
  iteration: z.int().min(0).max(1_000_000),
  scaleIndex: z.int().min(0).max(1000),
  image: pngBytesSchema(MAX_IMAGE_BYTES),
  inputs: inputsSchema.optional(),
});

export const checkpointSave = defineHandler({
  method: 'checkpointSave',
  args: z.tuple([NewCheckpointSchema]),
  run: (ctx, [checkpoint]) => ctx.checkpoints.save(checkpoint),
});
