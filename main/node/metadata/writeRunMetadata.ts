import { withJpegXmp } from '../../../app/metadata/jpegXmp.js';
import { withWebpXmp } from '../../../app/metadata/webpXmp.js';
import { xmpPacket } from '../../../app/metadata/xmpPacket.js';
import { runRecordJson } from '../../../app/run/runRecord.js';
import type { OutputFormat } from '../image/outputFormat.js';
import { withPngText } from './pngText.js';
import { METADATA_KEYWORD, RunMetadataSchema, type RunMetadata } from './runMetadata.js';

/**
 * The encoded image with the run record embedded, the pixels untouched: in a PNG a tEXt chunk "pastiche",
 * in a JPEG or WebP an XMP packet (property pastiche:run). Either holds the record as JSON. Any earlier
 * Pastiche record is replaced. The record is checked first, so no image ever carries an unreadable one.
 */
export function writeRunMetadata(bytes: Uint8Array, format: OutputFormat, record: RunMetadata): Uint8Array {
  const json = runRecordJson(RunMetadataSchema.parse(record));
  switch (format) {
    case 'png':
      return withPngText(bytes, METADATA_KEYWORD, json);
    case 'jpeg':
      return withJpegXmp(bytes, xmpPacket(json));
    case 'webp':
      return withWebpXmp(bytes, xmpPacket(json));
  }
}
