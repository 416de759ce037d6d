import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { decodeImageFile, type DecodeOptions } from '../node/image/decodeImage.js';
import { ImageFileError } from '../node/image/imageFileError.js';
import { CliError, EXIT } from './cliError.js';

/** Style images are kept at least this large (the engine scales them per coarse-to-fine step). */
const STYLE_WORKING_SIZE = 1024;

async function decodeAs(role: string, file: string, options: DecodeOptions): Promise<RgbaImage> {
  try {
    return await decodeImageFile(file, options);
  } catch (e) {
    if (e instanceof ImageFileError) throw new CliError(`${role} ${e.message}`, EXIT.input);
    throw e;
  }
}

/**
 * Decodes the photo at the output size (longest side = `size`) and the style images at a working size
 * large enough for every scale of the run, so the engine never works on more pixels than it needs.
 */
export async function readInputImages(
  content: string,
  styles: readonly string[],
  sizes: { size: number; styleScale: number },
): Promise<{ content: RgbaImage; styles: RgbaImage[] }> {
  const styleSide = Math.max(STYLE_WORKING_SIZE, Math.ceil(sizes.size * sizes.styleScale));
  return {
    content: await decodeAs('content image', content, { longestSide: sizes.size, enlarge: true }),
    styles: await Promise.all(
      styles.map((file, i) => decodeAs(styles.length > 1 ? `style image ${i + 1}` : 'style image', file, { longestSide: styleSide })),
    ),
  };
}
