import type { ExportFormat } from '../../app/host/contract.js';
import { withJpegXmp } from '../../app/metadata/jpegXmp.js';
import { withWebpXmp } from '../../app/metadata/webpXmp.js';
import { xmpPacket } from '../../app/metadata/xmpPacket.js';
import { runRecordJson, type RunRecord } from '../../app/run/runRecord.js';
import { withPngRunRecord } from './pngRunRecord.js';

/**
 * The encoded image with the run record embedded as the CLI writes it, the pixels untouched: in a PNG a
 * tEXt chunk "pastiche", in a JPEG or WebP an XMP packet (property pastiche:run). Any earlier record is
 * replaced. Bytes that are not an image of `format` give a MetadataError.
 */
export function withRunRecord(bytes: Uint8Array, format: ExportFormat, record: RunRecord): Uint8Array {
  switch (format) {
    case 'png':
      return withPngRunRecord(bytes, record);
    case 'jpeg':
      return withJpegXmp(bytes, xmpPacket(runRecordJson(record)));
    case 'webp':
      return withWebpXmp(bytes, xmpPacket(runRecordJson(record)));
  }
}
