import { z } from 'zod';
import { RUN_RECORD_APP, RUN_RECORD_KEYWORD, type RunRecord } from '../../../app/run/runRecord.js';
import type { StyleSettings } from '../../../app/run/settings.js';
import { appVersion } from '../appVersion.js';
import { StyleSettingsSchema } from './styleSettingsSchema.js';

/** The PNG text keyword, and the app name in every record: the studio's (app/run/runRecord.ts), so both write one format. */
export const METADATA_KEYWORD = RUN_RECORD_KEYWORD;
export const METADATA_APP = RUN_RECORD_APP;

const name = z.string().max(1024);

/** The record's JSON must fit one JPEG XMP segment (64 KiB) with room for the XMP wrapping. */
export const MAX_RECORD_BYTES = 48 * 1024;
const layerNames = z.array(z.string().max(32)).max(32);

/** The input files of a run, by file name (no folders: an exported image should not reveal the user's paths). */
const RunInputsSchema = z.object({
  content: name,
  styles: z.array(name).min(1).max(64),
  keepMask: name.optional(),
  styleMasks: z.array(name).max(64).optional(),
  initImage: name.optional(),
});

/** What an exported image says about how it was made: enough to repeat the run (the RunRecord the studio writes, checked). */
export const RunMetadataSchema = z
  .object({
    app: z.literal(METADATA_APP),
    appVersion: z.string().max(64),
    settings: StyleSettingsSchema,
    seed: z.int(),
    model: z.object({
      location: z.string().max(4096),
      layers: z.object({ content: layerNames, style: layerNames, styleWeights: z.array(z.number()).max(32).optional() }),
    }),
    inputs: RunInputsSchema,
    createdAt: z.iso.datetime({ offset: true }),
    /** Present when the run ended early (stopped, or failed): the image is the best so far, not the finished result. */
    stopped: z.literal(true).optional(),
  })
  .refine((m) => m.seed === m.settings.seed, { message: 'seed differs from settings.seed', path: ['seed'] })
  .refine((m) => Buffer.byteLength(JSON.stringify(m)) <= MAX_RECORD_BYTES, { message: `the record is larger than ${MAX_RECORD_BYTES} bytes` }) satisfies z.ZodType<RunRecord>;

export type RunMetadata = z.infer<typeof RunMetadataSchema>;
export type RunInputNames = z.infer<typeof RunInputsSchema>;

export interface RunDescription {
  settings: StyleSettings;
  model: RunMetadata['model'];
  inputs: RunInputNames;
}

/**
 * The record for a run made now by this version of the app, checked here, before the run, so that writing
 * it with the result cannot fail.
 */
export function runMetadata(run: RunDescription, now = new Date()): RunMetadata {
  return RunMetadataSchema.parse({
    app: METADATA_APP,
    appVersion: appVersion(),
    settings: run.settings,
    seed: run.settings.seed,
    model: run.model,
    inputs: run.inputs,
    createdAt: now.toISOString(),
  } satisfies RunMetadata);
}
