import * as tf from '@tensorflow/tfjs-core';

/**
 * Resizes an image tensor. Shrinking halves by 2×2 averaging while the size is still twice the target
 * or more, so large reductions average every pixel instead of aliasing; the last step is bilinear.
 */
export function resizeImage(image: tf.Tensor4D, height: number, width: number): tf.Tensor4D {
  return tf.tidy(() => {
    let x = image;
    while (x.shape[1] >= 2 * height && x.shape[2] >= 2 * width) x = tf.avgPool(x, 2, 2, 'valid');
    if (x.shape[1] === height && x.shape[2] === width) return x === image ? tf.clone(x) : x;
    return tf.image.resizeBilinear(x, [height, width], false, true);
  });
}

/** The size whose longest side is `longest`, keeping the aspect ratio. */
export function fitLongestSide(width: number, height: number, longest: number): { width: number; height: number } {
  const s = longest / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}
