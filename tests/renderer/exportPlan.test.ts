import { describe, expect, it } from 'vitest';
import { scaleSchedule } from '../../app/index.js';
import { exportLongestSide, polishIterations, upscaleSettings } from '../../renderer/state/exportPlan.js';
import { DEFAULT_STUDIO_SETTINGS } from '../../renderer/state/studioSettings.js';

describe('upscaled export plan', () => {
  it('sizes exports by one or two √2 scale steps', () => {
    expect(exportLongestSide(512, 1)).toBe(512);
    expect(exportLongestSide(512, 1.41)).toBe(724);
    expect(exportLongestSide(512, 2)).toBe(1024);
  });

  it('polishes from the result (init image) for a short while at the larger size', () => {
    const s = { ...DEFAULT_STUDIO_SETTINGS, size: 512, iterations: 600 };
    const one = upscaleSettings(s, 1.41);
    expect(one).toMatchObject({ size: 724, init: 'image', iterations: 100 });
    const two = upscaleSettings(s, 2);
    expect(two).toMatchObject({ size: 1024, init: 'image', iterations: 200, startSize: 724 });
  });

  it('runs exactly one more scale for ×1.4 and two for ×2 in the engine’s schedule', () => {
    const s = { ...DEFAULT_STUDIO_SETTINGS, size: 512 };
    const plan = (factor: 1.41 | 2) => {
      const e = upscaleSettings(s, factor);
      return scaleSchedule(600, 400, e.size, e.iterations, { startSize: Math.min(e.startSize, e.size), step: Math.SQRT2, iterationDecay: 0.75 });
    };
    expect(plan(1.41).map((x) => Math.max(x.width, x.height))).toEqual([724]);
    expect(plan(2).map((x) => Math.max(x.width, x.height))).toEqual([724, 1024]);
  });

  it('never polishes for fewer than 20 iterations', () => {
    expect(polishIterations(40)).toBe(20);
    expect(polishIterations(1200)).toBe(200);
  });
});
