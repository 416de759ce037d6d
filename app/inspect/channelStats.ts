import * as tf from '@tensorflow/tfjs-core';

/** Per-channel statistics of an activation over all its positions. */
export interface ChannelStats {
  mean: Float32Array;
  max: Float32Array;
}

/** The mean and maximum of each channel of a [1, H, W, C] activation. */
export function channelStats(features: tf.Tensor4D): ChannelStats {
  const [mean, max] = tf.tidy(() => [tf.mean(features, [0, 1, 2]), tf.max(features, [0, 1, 2])]);
  const stats = { mean: Float32Array.from(mean!.dataSync()), max: Float32Array.from(max!.dataSync()) };
  tf.dispose([mean!, max!]);
  return stats;
}

/** Channel indices ordered by a score, highest first (ties keep channel order). */
export function rankChannels(score: ArrayLike<number>): number[] {
  return Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
}
