import * as tf from '@tensorflow/tfjs-core';

/**
 * What conv1_1 sees past the picture's edge: zeros (VGG19 as trained; in Caffe's input zero is the mean
 * colour, so a flat frame of it), or the edge pixels repeated ('replicate', as crowsonkb/style-transfer-pytorch
 * pads its first layer to reduce edge artefacts), so that the first layer sees no edge that is not in the
 * picture. Deeper layers pad with zeros either way.
 */
export type EdgePadding = 'zero' | 'replicate';

export const EDGE_PADDINGS: readonly EdgePadding[] = ['zero', 'replicate'];

/** The picture with its outer pixels repeated once on every side: [1, H, W, C] → [1, H + 2, W + 2, C]. */
export function replicatePad(x: tf.Tensor4D): tf.Tensor4D {
  // A 1 px symmetric mirror repeats the edge pixel itself, which is exactly replication.
  return tf.mirrorPad(x, [
    [0, 0],
    [1, 1],
    [1, 1],
    [0, 0],
  ], 'symmetric');
}

/** Along one axis of length n + 2: the first and last entries added onto their neighbours, leaving n. */
function foldAxis(t: tf.Tensor4D, axis: 1 | 2): tf.Tensor4D {
  const n = t.shape[axis] - 2;
  const begin = (at: number) => (axis === 1 ? [0, at, 0, 0] : [0, 0, at, 0]);
  const size = (count: number) => (axis === 1 ? [-1, count, -1, -1] : [-1, -1, count, -1]);
  const padding = (before: number, after: number): Array<[number, number]> =>
    axis === 1
      ? [[0, 0], [before, after], [0, 0], [0, 0]]
      : [[0, 0], [0, 0], [before, after], [0, 0]];
  const inner = tf.slice(t, begin(1), size(n));
  const first = tf.pad(tf.slice(t, begin(0), size(1)), padding(0, n - 1));
  const last = tf.pad(tf.slice(t, begin(n + 1), size(1)), padding(n - 1, 0));
  return tf.addN([inner, first, last]) as tf.Tensor4D;
}

/**
 * The adjoint of replicatePad: the gradient at the padded picture folded back onto the pixels it copied.
 * An edge pixel gets its own gradient plus its copy's; a corner pixel gets three copies' besides its own.
 */
export function foldReplicatePad(grad: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => foldAxis(foldAxis(grad, 1), 2));
}
