import type { ImageFile } from '../../app/host/contract.js';
import { readImageHeader } from './imageHeader.js';

/** The largest image the studio opens: beyond this, decoding alone can exhaust a tab's memory. */
export const MAX_PIXELS = 40_000_000;

/** A problem with a file the user chose, already phrased for them. */
export class ImageProblem extends Error {
  override readonly name = 'ImageProblem';
}

export interface DecodedImage {
  name: string;
  /** Upright (EXIF orientation applied), full resolution. */
  bitmap: ImageBitmap;
  width: number;
  height: number;
  token?: string;
}

const READABLE = 'Use a PNG, JPEG, WebP, GIF, BMP or AVIF file.';

function tooLarge(name: string, width: number, height: number): ImageProblem {
  const mp = (width * height) / 1e6;
  return new ImageProblem(
    `“${name}” is ${width} × ${height} pixels (${mp.toFixed(0)} megapixels); Pastiche opens images up to ${MAX_PIXELS / 1e6} megapixels. Scale it down and try again.`,
  );
}

/** Checks what the header says before spending memory on decoding. */
function checkHeader(file: ImageFile): void {
  if (file.bytes.byteLength === 0) throw new ImageProblem(`“${file.name}” is empty.`);
  const header = readImageHeader(file.bytes);
  if (header.kind === 'unsupported') {
    throw new ImageProblem(`“${file.name}” is a ${header.format} file, which Pastiche cannot read. ${READABLE}`);
  }
  if (header.kind === 'unknown') throw new ImageProblem(`“${file.name}” is not an image Pastiche can read. ${READABLE}`);
  if (header.width && header.height && header.width * header.height > MAX_PIXELS) throw tooLarge(file.name, header.width, header.height);
}

/** Decodes an image file upright (EXIF orientation applied); every failure is an ImageProblem sentence. */
export async function decodeImage(file: ImageFile): Promise<DecodedImage> {
  checkHeader(file);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([file.bytes as Uint8Array<ArrayBuffer>]), { imageOrientation: 'from-image' });
  } catch {
    throw new ImageProblem(`“${file.name}” could not be decoded; the file may be damaged or incomplete.`);
  }
  if (bitmap.width * bitmap.height > MAX_PIXELS) {
    bitmap.close();
    throw tooLarge(file.name, bitmap.width, bitmap.height);
  }
  return { name: file.name, bitmap, width: bitmap.width, height: bitmap.height, token: file.token };
}
