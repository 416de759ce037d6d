/** 8-bit RGBA pixels, row-major: the exchange format between hosts, the engine, previews and codecs. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export function checkRgbaImage(img: RgbaImage, what: string): void {
  if (!Number.isInteger(img.width) || !Number.isInteger(img.height) || img.width < 1 || img.height < 1) {
    throw new Error(`${what}: invalid size ${img.width}×${img.height}`);
  }
  if (img.data.length !== img.width * img.height * 4) {
    throw new Error(`${what}: expected ${img.width * img.height * 4} bytes of RGBA, got ${img.data.length}`);
  }
}
