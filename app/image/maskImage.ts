import * as tf from '@tensorflow/tfjs-core';

/** A painted mask: one byte per pixel, 0 (off) … 255 (fully on), any resolution. */
export interface MaskImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export function checkMask(mask: MaskImage, what: string): void {
  if (!Number.isInteger(mask.width) || !Number.isInteger(mask.height) || mask.width < 1 || mask.height < 1) {
    throw new Error(`${what}: invalid size ${mask.width}×${mask.height}`);
  }
  if (mask.data.length !== mask.width * mask.height) {
    throw new Error(`${what}: expected ${mask.width * mask.height} bytes (one per pixel), got ${mask.data.length}`);
  }
}

/** Mask bytes → [1, H, W, 1] float in [0, 1]. */
export function maskToTensor(mask: MaskImage): tf.Tensor4D {
  return tf.tidy(() => tf.div(tf.tensor4d(Float32Array.from(mask.data), [1, mask.height, mask.width, 1]), 255) as tf.Tensor4D);
}
