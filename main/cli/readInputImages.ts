import type { MaskImage } from '../../app/image/maskImage.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import type { RunInputs } from '../../app/run/styleTransferRun.js';
import { decodeImageFile, type DecodeOptions } from '../node/image/decodeImage.js';
import { ImageFileError } from '../node/image/imageFileError.js';
import { rgbaToMask } from '../node/image/rgbaToMask.js';
import { CliError, EXIT } from './cliError.js';

/** Style images are kept at least this large (the engine scales them per coarse-to-fine step). */
const STYLE_WORKING_SIZE = 1024;

/** How far a mask's or starting image's proportions may differ from the photo's (rounding of resized files). */
const ASPECT_TOLERANCE = 0.02;

export interface InputFiles {
  content: string;
  styles: readonly string[];
  keepMask?: string;
  styleMasks?: readonly string[];
  initImage?: string;
}

async function decodeAs(role: string, file: string, options: DecodeOptions): Promise<RgbaImage> {
  try {
    return await decodeImageFile(file, options);
  } catch (e) {
    if (e instanceof ImageFileError) throw new CliError(`${role} ${e.message}`, EXIT.input);
    throw e;
  }
}

/** Masks and starting images lie over the photo, so they must have its proportions. */
function checkProportions(role: string, file: string, img: RgbaImage, photo: RgbaImage, photoFile: string): void {
  const ratio = img.width / img.height / (photo.width / photo.height);
  if (Math.abs(ratio - 1) > ASPECT_TOLERANCE) {
    throw new CliError(
      `${role} ${file}: its proportions (${img.width}×${img.height} at the working size) differ from the photo's (${photo.width}×${photo.height}, ${photoFile}); it must cover the photo exactly`,
      EXIT.input,
    );
  }
}

const numbered = (role: string, i: number, count: number) => (count > 1 ? `${role} ${i + 1}` : role);

/**
 * Decodes the photo at the output size (longest side = `size`), the style images at a working size large
 * enough for every scale of the run, and the masks and starting image at the photo's size.
 */
export async function readInputImages(files: InputFiles, sizes: { size: number; styleScale: number }): Promise<RunInputs> {
  const styleSide = Math.max(STYLE_WORKING_SIZE, Math.ceil(sizes.size * sizes.styleScale));
  const content = await decodeAs('content image', files.content, { longestSide: sizes.size, enlarge: true });
  const styles = await Promise.all(files.styles.map((f, i) => decodeAs(numbered('style image', i, files.styles.length), f, { longestSide: styleSide })));
  const overPhoto = async (role: string, file: string) => {
    const img = await decodeAs(role, file, { longestSide: sizes.size, enlarge: true });
    checkProportions(role, file, img, content, files.content);
    return img;
  };
  const keepMask: MaskImage | undefined = files.keepMask ? rgbaToMask(await overPhoto('keep mask', files.keepMask)) : undefined;
  const styleMasks = files.styleMasks
    ? await Promise.all(files.styleMasks.map(async (f, i) => rgbaToMask(await overPhoto(numbered('style mask', i, files.styleMasks!.length), f))))
    : undefined;
  const initImage = files.initImage ? await overPhoto('starting image', files.initImage) : undefined;
  return { content, styles, keepMask, styleMasks, initImage };
}
