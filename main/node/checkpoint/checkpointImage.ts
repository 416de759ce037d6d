import sharp from 'sharp';
import { checkRgbaImage, type RgbaImage } from '../../../app/image/rgbaImage.js';

/** The image as an RGBA PNG: lossless, alpha kept. Fast compression, since checkpoints come every few seconds. */
export async function encodeCheckpointImage(img: RgbaImage): Promise<Uint8Array> {
  checkRgbaImage(img, 'checkpoint image');
  const raw = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  const png = await sharp(raw, { raw: { width: img.width, height: img.height, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** The RGBA pixels of a checkpoint PNG, exactly as they were written. */
export async function decodeCheckpointImage(png: Uint8Array): Promise<RgbaImage> {
  const { data, info } = await sharp(png, { failOn: 'error' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
