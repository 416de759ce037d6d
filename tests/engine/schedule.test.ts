import { describe, expect, it } from 'vitest';
import { scaleSchedule, splitIterations } from '../../app/run/scales.js';
import { chooseLayers } from '../../app/run/layerPresets.js';
import { VGG19_CONV_LAYERS, reluName } from '../../app/weights/vggLayers.js';

describe('coarse-to-fine schedule', () => {
  it('goes from 128 px to the target in √2 steps with fewer iterations at larger scales', () => {
    const s = scaleSchedule(600, 400, 512, 500);
    expect(s.map((x) => Math.max(x.width, x.height))).toEqual([128, 181, 256, 362, 512]);
    expect(s.at(-1)).toMatchObject({ width: 512, height: 341 });
    expect(s.reduce((n, x) => n + x.iterations, 0)).toBe(500);
    for (let i = 1; i < s.length; i++) expect(s[i]!.iterations).toBeLessThan(s[i - 1]!.iterations);
  });

  it('uses one scale at or below the start size, and drops coarse scales when iterations are few', () => {
    expect(scaleSchedule(100, 50, 128, 20)).toEqual([{ width: 128, height: 64, iterations: 20 }]);
    const few = scaleSchedule(512, 512, 512, 3);
    expect(few.map((x) => x.width)).toEqual([256, 362, 512]);
    expect(few.map((x) => x.iterations)).toEqual([1, 1, 1]);
  });

  it('splits iterations exactly, each share at least 1', () => {
    expect(splitIterations(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // exact shares 2.56, 1.92, 1.44, 1.08: floors 2, 1, 1, 1, then the two largest remainders get one more.
    expect(splitIterations(7, [1, 0.75, 0.5625, 0.42])).toEqual([3, 2, 1, 1]);
    expect(splitIterations(3, [100, 1, 1])).toEqual([1, 1, 1]);
  });
});

describe('layer presets', () => {
  const all = VGG19_CONV_LAYERS.map(reluName);

  it('full VGG19: content relu4_2, style relu1_1 … relu5_1 (Gatys et al.)', () => {
    expect(chooseLayers(all)).toEqual({
      content: ['relu4_2'],
      style: ['relu1_1', 'relu2_1', 'relu3_1', 'relu4_1', 'relu5_1'],
      styleWeights: [1, 1, 1, 1, 1],
    });
  });

  it('a model that stops at conv3_4 uses the deepest layers it has', () => {
    expect(chooseLayers(all.slice(0, 8))).toMatchObject({ content: ['relu3_2'], style: ['relu1_1', 'relu2_1', 'relu3_1'] });
  });

  it('a model that stops at conv4_1 keeps relu3_2 for content and adds relu4_1 to style', () => {
    expect(chooseLayers(all.slice(0, 9))).toMatchObject({ content: ['relu3_2'], style: ['relu1_1', 'relu2_1', 'relu3_1', 'relu4_1'] });
  });

  it('conv1_1 alone still works', () => {
    expect(chooseLayers(all.slice(0, 1))).toMatchObject({ content: ['relu1_1'], style: ['relu1_1'] });
  });
});
