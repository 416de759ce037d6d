/** The engine's metadata error, re-exported for main's callers: one class, so `instanceof` holds for errors from app/metadata. */
export { MetadataError } from '../../../app/metadata/metadataError.js';
