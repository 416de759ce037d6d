import { z } from 'zod';
import { StyleSettingsSchema } from '../metadata/styleSettingsSchema.js';

/** Most style images a run blends (the studio allows 8; more is a malformed payload). */
export const MAX_CHECKPOINT_STYLES = 16;
/** Largest input file kept (the studio opens files up to this size) and largest picture. */
export const MAX_INPUT_BYTES = 128 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 128 * 1024 * 1024;
/** Masks are painted at the photo's size; 20000 × 20000 is beyond any photo the studio accepts. */
export const MAX_MASK_SIDE = 20_000;

/** Files the checkpoint names: only ours, in its own folder (no path can be smuggled in). */
export const DATA_FILE = /^(?:image|input|mask)-[0-9a-z]+-[0-9a-f]+\.(?:png|bin)$/;

const fileRef = z.strictObject({
  file: z.string().regex(DATA_FILE),
  bytes: z.int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileRef = z.infer<typeof fileRef>;

const namedFile = z.strictObject({ name: z.string().min(1).max(255), ...fileRef.shape });
const side = z.int().min(1).max(MAX_MASK_SIDE);
const maskRef = z.strictObject({ width: side, height: side, ...fileRef.shape });

/** The inputs as checkpoint.json names them: their bytes lie in files beside it. */
export const StoredInputsSchema = z.strictObject({
  content: namedFile,
  styles: z.array(namedFile).min(1).max(MAX_CHECKPOINT_STYLES),
  styleWeights: z.array(z.number().min(0).max(1)).max(MAX_CHECKPOINT_STYLES),
  keepMask: maskRef.optional(),
  styleRegions: z.array(maskRef.nullable()).max(MAX_CHECKPOINT_STYLES).optional(),
});
export type StoredInputs = z.infer<typeof StoredInputsSchema>;

/** checkpoint.json: the run's state, and the files beside it that hold its picture and inputs, pinned by their hashes. */
export const CheckpointRecordSchema = z.strictObject({
  version: z.literal(2),
  runId: z.uuid(),
  settings: StyleSettingsSchema,
  iteration: z.int().min(0),
  scaleIndex: z.int().min(0),
  image: fileRef,
  inputs: StoredInputsSchema,
  savedAt: z.iso.datetime(),
});
export type CheckpointRecord = z.infer<typeof CheckpointRecordSchema>;
