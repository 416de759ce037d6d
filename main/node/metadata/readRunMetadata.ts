import { DOMParser } from '@xmldom/xmldom';
import sharp, { type Metadata } from 'sharp';
import { MetadataError } from '../../../app/metadata/metadataError.js';
import { runPropertyFromXmp } from '../../../app/metadata/xmpPacket.js';
import { parseRunMetadata } from './parseRunMetadata.js';
import { METADATA_KEYWORD, type RunMetadata } from './runMetadata.js';

/** The record's JSON text: a PNG text chunk "pastiche", else the XMP property pastiche:run. */
function recordText(meta: Metadata): string | null {
  const comment = meta.comments?.find((c) => c.keyword === METADATA_KEYWORD);
  if (comment) return comment.text;
  return meta.xmpAsString ? runPropertyFromXmp(meta.xmpAsString, DOMParser) : null;
}

/**
 * The Pastiche run record embedded in an image (PNG, JPEG or WebP), or null when it has none. An image
 * whose record is damaged, or bytes that are not an image, give a MetadataError saying so.
 */
export async function readRunMetadata(bytes: Uint8Array): Promise<RunMetadata | null> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw new MetadataError('not an image, or in a format that cannot be read');
  }
  const text = recordText(meta);
  return text === null ? null : parseRunMetadata(text);
}
