import * as tf from '@tensorflow/tfjs-core';
import { checkRgbaImage, type RgbaImage } from './rgbaImage.js';

/** RGBA bytes → [1, H, W, 3] float RGB in [0, 1]. Alpha is ignored: hosts flatten it before. */
export function rgbaToTensor(img: RgbaImage, what = 'image'): tf.Tensor4D {
  checkRgbaImage(img, what);
  return tf.tidy(() => {
    const rgba = tf.tensor4d(Int32Array.from(img.data), [1, img.height, img.width, 4], 'int32');
    return tf.div(tf.cast(tf.slice(rgba, [0, 0, 0, 0], [1, img.height, img.width, 3]), 'float32'), 255) as tf.Tensor4D;
  });
}

/** [1, H, W, 3] RGB in [0, 1] → opaque RGBA bytes. */
export async function tensorToRgba(t: tf.Tensor4D): Promise<RgbaImage> {
  const [, height, width] = t.shape;
  const rgb = tf.tidy(() => tf.round(tf.mul(tf.clipByValue(t, 0, 1), 255)));
  const values = await rgb.data();
  rgb.dispose();
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < values.length; i += 3, j += 4) {
    data[j] = values[i]!;
    data[j + 1] = values[i + 1]!;
    data[j + 2] = values[i + 2]!;
    data[j + 3] = 255;
  }
  return { width, height, data };
}
