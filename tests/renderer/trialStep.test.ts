import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { timeStep } from '../../renderer/engine/trialStep.js';
import { syntheticVggWeights } from '../engine/syntheticWeights.js';

await useBackend('wasm');

describe('the start-up trial step', () => {
  it('times the real step and frees everything it made', async () => {
    const network = VggNetwork.fromWeights(syntheticVggWeights(4));
    const before = tf.memory().numTensors;
    const ms = await timeStep(network, 24);
    expect(ms).toBeGreaterThan(0);
    expect(Number.isFinite(ms)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    network.dispose();
  });
});
