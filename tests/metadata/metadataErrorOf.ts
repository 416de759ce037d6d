import { MetadataError } from '../../app/metadata/metadataError.js';

/** The MetadataError `attempt` throws; any other outcome fails the test. */
export function metadataErrorOf(attempt: () => unknown): MetadataError {
  try {
    attempt();
  } catch (e) {
    if (e instanceof MetadataError) return e;
    throw e;
  }
  throw new Error('expected a MetadataError, but nothing was thrown');
}
