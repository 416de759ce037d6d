import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import pngChunkText from 'png-chunk-text';
import { parseRunRecord, RUN_RECORD_KEYWORD, runRecordJson, type RunRecord } from '../../app/run/runRecord.js';

type Chunk = { name: string; data: Uint8Array };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const isPng = (bytes: Uint8Array) => bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);

function keywordOf(chunk: Chunk): string | null {
  if (chunk.name !== 'tEXt') return null;
  try {
    return pngChunkText.decode(chunk.data).keyword;
  } catch {
    return null;
  }
}

/**
 * The PNG with the run record in a tEXt chunk "pastiche" (the same chunk the CLI writes), replacing any
 * earlier one, placed before the image data. The pixels are untouched.
 */
export function withPngRunRecord(png: Uint8Array, record: RunRecord): Uint8Array {
  const chunks = extractChunks(png).filter((c) => keywordOf(c) !== RUN_RECORD_KEYWORD);
  const firstData = chunks.findIndex((c) => c.name === 'IDAT');
  if (firstData === -1) throw new Error('The PNG has no image data.');
  chunks.splice(firstData, 0, pngChunkText.encode(RUN_RECORD_KEYWORD, runRecordJson(record)));
  return encodeChunks(chunks);
}

/** The run record a PNG carries; null for other files, PNGs without one, and damaged or foreign records. */
export function pngRunRecord(bytes: Uint8Array): RunRecord | null {
  if (!isPng(bytes)) return null;
  let chunks: Chunk[];
  try {
    chunks = extractChunks(bytes);
  } catch {
    return null;
  }
  const chunk = chunks.find((c) => keywordOf(c) === RUN_RECORD_KEYWORD);
  return chunk ? parseRunRecord(pngChunkText.decode(chunk.data).text) : null;
}
