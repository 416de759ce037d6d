import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/index.js';
import {
  DEFAULT_STUDIO_SETTINGS,
  SETTINGS_KEY,
  cleanNumber,
  engineSettings,
  presetFor,
  randomSeed,
  restoreSettings,
  storeSettings,
} from '../../renderer/state/studioSettings.js';

describe('studio settings', () => {
  it('start from the engine’s defaults, so a first run needs no tuning', () => {
    expect(restoreSettings({})).toEqual(DEFAULT_STUDIO_SETTINGS);
    expect(DEFAULT_STUDIO_SETTINGS).toMatchObject({ size: 512, iterations: DEFAULT_SETTINGS.iterations, styleStrength: 1, contentWeight: 1, smoothness: 1 });
  });

  it('round-trip through the host’s settings record, keeping the host’s own keys', () => {
    const mine = { ...DEFAULT_STUDIO_SETTINGS, size: 768, seed: 42, colour: 'original' as const, backend: 'wasm' as const, exportUpscale: 1.41 as const };
    const stored = storeSettings({ window: { width: 1200 } }, mine);
    expect(stored.window).toEqual({ width: 1200 });
    expect(restoreSettings(JSON.parse(JSON.stringify(stored)))).toEqual(mine);
  });

  it('replace invalid or out-of-range values with defaults or limits', () => {
    const restored = restoreSettings({
      [SETTINGS_KEY]: { size: 99_999, iterations: -5, styleStrength: 'loud', seed: 3.7, init: 'image', backend: 'cuda', exportQuality: 0.1, exportUpscale: 3 },
    });
    expect(restored).toMatchObject({ size: 4096, iterations: 1, styleStrength: 1, seed: 4, init: 'content', backend: 'auto', exportQuality: 0.5, exportUpscale: 1 });
  });

  it('become the engine’s settings for a run', () => {
    const s = { ...DEFAULT_STUDIO_SETTINGS, size: 300, iterations: 120, styleStrength: 2, init: 'noise' as const, seed: 9 };
    expect(engineSettings(s)).toEqual({ ...DEFAULT_SETTINGS, size: 300, iterations: 120, styleStrength: 2, contentWeight: 1, smoothness: 1, init: 'noise', seed: 9, colour: 'style' });
  });

  it('map iteration counts to presets', () => {
    expect(presetFor(200)).toBe('draft');
    expect(presetFor(500)).toBe('standard');
    expect(presetFor(1000)).toBe('fine');
    expect(presetFor(321)).toBe('custom');
  });

  it('clean typed numbers', () => {
    expect(cleanNumber(' 128 ', 64, 4096)).toBe(128);
    expect(cleanNumber('12', 64, 4096)).toBe(64);
    expect(cleanNumber('700.6', 64, 4096)).toBe(701);
    expect(cleanNumber('', 64, 4096)).toBeNull();
    expect(cleanNumber('big', 64, 4096)).toBeNull();
  });

  it('roll whole-number seeds', () => {
    expect(randomSeed(() => 0.123456789)).toBe(123456);
    expect(randomSeed(() => 0)).toBe(0);
  });

  it('keep per-layer style weights only when they are usable, and hand them to the engine', () => {
    const restore = (w: unknown) => restoreSettings({ [SETTINGS_KEY]: { styleLayerWeights: w } }).styleLayerWeights;
    expect(restore([1, 0.5, 2])).toEqual([1, 0.5, 2]);
    for (const bad of [[0, 0], [1, -1], [1, 9], ['1'], 'a', Array.from({ length: 17 }, () => 1)]) expect(restore(bad), JSON.stringify(bad)).toEqual([]);
    expect(engineSettings(DEFAULT_STUDIO_SETTINGS)).not.toHaveProperty('styleLayerWeights');
    expect(engineSettings({ ...DEFAULT_STUDIO_SETTINGS, styleLayerWeights: [1, 1, 0.5] }).styleLayerWeights).toEqual([1, 1, 0.5]);
  });
});
