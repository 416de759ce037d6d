import extractChunks from 'png-chunks-extract';
import encodeChunks from 'png-chunks-encode';
import pngChunkText from 'png-chunk-text';

type Chunk = { name: string; data: Uint8Array };

const hasKeyword = (chunk: Chunk, keyword: string) => chunk.name === 'tEXt' && pngChunkText.decode(chunk.data).keyword === keyword;

/**
 * The PNG with one tEXt chunk `keyword` holding `text` (Latin-1), replacing any earlier one. It goes
 * before the image data, where readers that stop at the pixels still find it. The pixels are untouched.
 */
export function withPngText(png: Uint8Array, keyword: string, text: string): Uint8Array {
  const chunks = extractChunks(png).filter((c) => !hasKeyword(c, keyword));
  const firstData = chunks.findIndex((c) => c.name === 'IDAT');
  chunks.splice(firstData, 0, pngChunkText.encode(keyword, text));
  return encodeChunks(chunks);
}
