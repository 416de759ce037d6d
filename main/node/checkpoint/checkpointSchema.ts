import { z } from 'zod';
import { StyleSettingsSchema } from '../metadata/styleSettingsSchema.js';

/** An input of the run: its file name for people, and how to find it again (a path, or the host's token). */
const InputRefSchema = z.strictObject({
  name: z.string().min(1).max(1024),
  path: z.string().max(4096).optional(),
  token: z.string().max(256).optional(),
});
export type InputRef = z.infer<typeof InputRefSchema>;

export const CheckpointInputsSchema = z.strictObject({
  content: InputRefSchema,
  styles: z.array(InputRefSchema).min(1).max(64),
  keepMask: InputRefSchema.optional(),
  styleMasks: z.array(InputRefSchema).max(64).optional(),
  initImage: InputRefSchema.optional(),
});
export type CheckpointInputs = z.infer<typeof CheckpointInputsSchema>;

/** Image files the checkpoint may name: only ours, in its own folder (no path can be smuggled in). */
export const IMAGE_FILE = /^image-[0-9a-z]+-[0-9a-f]+\.png$/;

/** checkpoint.json: the run's state, and the PNG beside it that holds the image, pinned by its hash. */
export const CheckpointFileSchema = z.strictObject({
  version: z.literal(1),
  settings: StyleSettingsSchema,
  inputs: CheckpointInputsSchema,
  iteration: z.int().min(0),
  scaleIndex: z.int().min(0),
  image: z.strictObject({
    file: z.string().regex(IMAGE_FILE),
    width: z.int().min(1).max(65_535),
    height: z.int().min(1).max(65_535),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  savedAt: z.iso.datetime(),
});
export type CheckpointFile = z.infer<typeof CheckpointFileSchema>;
