import { MetadataError } from '../../../app/metadata/metadataError.js';
import { RunMetadataSchema, type RunMetadata } from './runMetadata.js';
import { firstIssue } from './styleSettingsSchema.js';

/** The JSON text of a Pastiche record, checked; a MetadataError says what is wrong with it. */
export function parseRunMetadata(text: string): RunMetadata {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MetadataError('its Pastiche metadata is not valid JSON');
  }
  const parsed = RunMetadataSchema.safeParse(value);
  if (!parsed.success) throw new MetadataError(`its Pastiche metadata is invalid (${firstIssue(parsed.error, 'metadata')})`);
  return parsed.data;
}
