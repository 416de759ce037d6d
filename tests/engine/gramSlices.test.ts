import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { gramSum } from '../../app/costs/gram.js';
import { useBackend } from '../../main/node/tfBackend.js';
import { randomValues } from './numeric.js';

await useBackend('cpu');

describe('gramSum', () => {
  it('sums FᵀF over slices of positions to the float64 hand sum, also past one slice', () => {
    for (const n of [1000, 150_001]) {
      const c = 3;
      const values = randomValues(n * c, n, -1, 1);
      const before = tf.memory().numTensors;
      const flat = tf.tensor2d(values, [n, c]);
      const g = gramSum(flat);
      const got = g.dataSync();
      tf.dispose([flat, g]);
      expect(tf.memory().numTensors).toBe(before);
      for (let i = 0; i < c; i++) {
        for (let j = 0; j < c; j++) {
          let sum = 0;
          for (let k = 0; k < n; k++) sum += values[k * c + i]! * values[k * c + j]!;
          expect(Math.abs(got[i * c + j]! - sum)).toBeLessThan(1e-4 * n);
        }
      }
    }
  });
});
