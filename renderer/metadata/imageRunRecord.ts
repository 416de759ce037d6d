import { DOMParser } from '@xmldom/xmldom';
import { latin1 } from '../../app/metadata/bytes.js';
import { jpegXmp } from '../../app/metadata/jpegXmp.js';
import { MetadataError } from '../../app/metadata/metadataError.js';
import { webpXmp } from '../../app/metadata/webpXmp.js';
import { runPropertyFromXmp } from '../../app/metadata/xmpPacket.js';
import { parseRunRecord, type RunRecord } from '../../app/run/runRecord.js';
import { pngRunRecord } from './pngRunRecord.js';

const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8;
const isWebp = (b: Uint8Array) => latin1(b.subarray(0, 4)) === 'RIFF' && latin1(b.subarray(8, 12)) === 'WEBP';

/** The XMP packet of a JPEG or WebP; null when it has none or its container is damaged. */
function xmpOf(bytes: Uint8Array): string | null {
  try {
    return isJpeg(bytes) ? jpegXmp(bytes) : webpXmp(bytes);
  } catch (e) {
    if (e instanceof MetadataError) return null;
    throw e;
  }
}

function xmpRunRecord(xmp: string): RunRecord | null {
  try {
    const json = runPropertyFromXmp(xmp, DOMParser);
    return json === null ? null : parseRunRecord(json);
  } catch (e) {
    if (e instanceof MetadataError) return null;
    throw e;
  }
}

/**
 * The run record an image carries (PNG tEXt "pastiche", or pastiche:run in the XMP of a JPEG or WebP);
 * null for images without one, other files, and damaged or foreign records.
 */
export function imageRunRecord(bytes: Uint8Array): RunRecord | null {
  if (!isJpeg(bytes) && !isWebp(bytes)) return pngRunRecord(bytes);
  const xmp = xmpOf(bytes);
  return xmp === null ? null : xmpRunRecord(xmp);
}
