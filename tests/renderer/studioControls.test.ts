import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, PRESETS, checkSettings } from '../../app/index.js';
import { exportLongestSide, upscaleOffered, upscaleSettings } from '../../renderer/state/exportPlan.js';
import { formatDuration, largeSizeWarning, pixelIterations } from '../../renderer/state/largeSize.js';
import {
  applyPreset,
  matchingPreset,
  presetFromSettings,
  presetNameProblem,
  renamePreset,
  deletePreset,
  restoreUserPresets,
  savePreset,
  storeUserPresets,
  PRESETS_KEY,
} from '../../renderer/state/presets.js';
import { blendShare, blendWeights } from '../../renderer/state/styleBlend.js';
import { DEFAULT_STUDIO_SETTINGS, engineSettings, restoreSettings, storeSettings } from '../../renderer/state/studioSettings.js';

describe('presets', () => {
  it('set the controls together and leave the rest alone', () => {
    const before = { ...DEFAULT_STUDIO_SETTINGS, seed: 42, backend: 'wasm' as const };
    const bold = applyPreset(before, PRESETS.find((p) => p.name === 'Bold')!.settings);
    expect(bold).toMatchObject({ styleStrength: 3, contentWeight: 0.5, smoothness: 0.5, styleScale: 1.5, iterations: 600, quality: 'custom', seed: 42, backend: 'wasm' });
    const print = applyPreset(before, PRESETS.find((p) => p.name === 'Print 4K')!.settings);
    expect(print.size).toBe(4096);
    expect(matchingPreset(bold, PRESETS)).toBe('Bold');
    expect(matchingPreset(applyPreset(bold, PRESETS.find((p) => p.name === 'Balanced')!.settings), PRESETS)).toBe('Balanced');
    expect(matchingPreset({ ...bold, styleStrength: 2.9 }, PRESETS)).toBeNull();
  });

  it('saved by the user round-trip through the host settings, beside the studio settings', () => {
    const mine = { ...DEFAULT_STUDIO_SETTINGS, styleStrength: 2.25, colour: 'luminance' as const, optimizer: 'adam' as const };
    let list = savePreset([], presetFromSettings('  Night walk ', mine));
    list = savePreset(list, presetFromSettings('Amber', DEFAULT_STUDIO_SETTINGS));
    expect(list.map((p) => p.name)).toEqual(['Amber', 'Night walk']);
    const stored = storeUserPresets(storeSettings({ window: { width: 900 } }, mine), list);
    const back = restoreUserPresets(JSON.parse(JSON.stringify(stored)));
    expect(back.map((p) => p.name)).toEqual(['Amber', 'Night walk']);
    expect(applyPreset(DEFAULT_STUDIO_SETTINGS, back[1]!.settings)).toMatchObject({ styleStrength: 2.25, colour: 'luminance', optimizer: 'adam' });
    expect(restoreSettings(stored)).toMatchObject({ styleStrength: 2.25 });
    expect(stored.window).toEqual({ width: 900 });
    expect(restoreUserPresets({ [PRESETS_KEY]: [{ name: 3 }, null, { name: 'ok', settings: { size: 256, evil: 1 } }] })).toEqual([{ name: 'ok', description: 'Saved by you.', settings: { size: 256 } }]);
  });

  it('can be renamed and deleted; names are checked with a sentence', () => {
    const list = [presetFromSettings('A', DEFAULT_STUDIO_SETTINGS), presetFromSettings('B', DEFAULT_STUDIO_SETTINGS)];
    expect(presetNameProblem(' ', list)).toBe('Give the preset a name.');
    expect(presetNameProblem('bold', list)).toBe('“bold” is a built-in preset; choose another name.');
    expect(presetNameProblem('b', list)).toBe('You already have a preset called “B”.');
    expect(presetNameProblem('B', list, 'B')).toBeNull();
    expect(renamePreset(list, 'A', 'Z').map((p) => p.name)).toEqual(['B', 'Z']);
    expect(deletePreset(list, 'A').map((p) => p.name)).toEqual(['B']);
  });
});

describe('new controls reach the engine', () => {
  it('style scale, optimizer, pooling and edges persist and are valid engine settings', () => {
    const mine = { ...DEFAULT_STUDIO_SETTINGS, styleScale: 2, optimizer: 'adam' as const, pooling: 'avg' as const, edgePadding: 'replicate' as const };
    expect(restoreSettings(JSON.parse(JSON.stringify(storeSettings({}, mine))))).toEqual(mine);
    const engine = engineSettings(mine);
    expect(engine).toMatchObject({ styleScale: 2, optimizer: 'adam', pooling: 'avg', edgePadding: 'replicate' });
    expect(() => checkSettings(engine)).not.toThrow();
    expect(restoreSettings({ studio: { styleScale: 99, optimizer: 'sgd', edgePadding: 'mirror' } })).toMatchObject({
      styleScale: 4,
      optimizer: DEFAULT_SETTINGS.optimizer,
      edgePadding: DEFAULT_SETTINGS.edgePadding,
    });
  });

  it('blend weights follow the styles’ order and are left out when equal', () => {
    expect(blendWeights([1, 2], new Map())).toBeUndefined();
    expect(blendWeights([5], new Map([[5, 0.2]]))).toBeUndefined();
    expect(blendWeights([1, 2, 3], new Map([[2, 0.5], [9, 0]]))).toEqual([1, 0.5, 1]);
    expect(blendWeights([1, 2], new Map([[1, 0], [2, 0]]))).toBeUndefined();
    expect(blendShare([1, 2], new Map([[2, 0.25]]), 1)).toBeCloseTo(0.8);
    expect(() => checkSettings({ ...DEFAULT_SETTINGS, styleBlend: blendWeights([1, 2], new Map([[1, 0.3]])) })).not.toThrow();
  });
});

describe('large size warning', () => {
  it('says nothing for ordinary sizes', () => {
    expect(largeSizeWarning({ size: 512, photoWidth: 1200, photoHeight: 800, iterations: 500, backend: 'wasm' })).toBeNull();
    expect(largeSizeWarning({ size: 1024, photoWidth: 1200, photoHeight: 800, iterations: 300, backend: 'webgl' })).toBeNull();
  });

  it('explains tiling and estimates the time from the pixel count', () => {
    // Worked by hand from the schedule's rule (longest sides 4096/√2^k down to 128, iterations ∝ 0.75^k
    // from the coarsest, 800 in all) for a 3:2 photo: (width, height, iterations) per scale.
    const schedule = [
      [128, 85, 209], [181, 121, 157], [256, 171, 117], [362, 241, 88], [512, 341, 66], [724, 483, 49],
      [1024, 683, 37], [1448, 965, 28], [2048, 1365, 21], [2896, 1931, 16], [4096, 2731, 12],
    ];
    expect(schedule.reduce((n, [, , it]) => n + it!, 0)).toBe(800);
    const pi = schedule.reduce((n, [w, h, it]) => n + w! * h! * it!, 0);
    expect(pi).toBe(394_586_757);
    expect(pixelIterations(3000, 2000, 4096, 800)).toBe(pi);
    // 394,586,757 pixel-iterations × 50 µs each (WebAssembly) = 19,729 s = 5.48 h: "about 5.5 hours".
    expect(largeSizeWarning({ size: 4096, photoWidth: 3000, photoHeight: 2000, iterations: 800, backend: 'wasm' })).toBe(
      '4096 × 2731 px is more than one pass of the network holds, so the largest scales are processed in overlapping tiles of 464 px. With 800 iterations on WebAssembly (CPU) expect about 5.5 hours. The studio stays usable meanwhile, and Stop keeps the picture so far.',
    );
    // wasm's one pass (network/passMemory.ts), by hand for VGG19's default layers: 2488 bytes per pixel
    // (taps relu1_1, 2_1, 3_1, 4_1, 4_2, 5_1 hold 130 values per pixel × 12 bytes, the other layers 160 bytes
    // of masks, the largest step 64 × 12); (1.75 GiB − 256 MiB − 4096 × 2731 × 96 bytes) / 2488 = 215731 px ≈ 464².
    // WebGL's budget is 3 GiB: (3 GiB − 256 MiB − 4096 × 2731 × 96) / 2488 = 755191 px ≈ 869².
    // The same picture on WebGL, at 2 µs each: 789 s = 13 minutes, and no sentence about staying usable.
    expect(largeSizeWarning({ size: 4096, photoWidth: 3000, photoHeight: 2000, iterations: 800, backend: 'webgl' })).toBe(
      '4096 × 2731 px is more than one pass of the network holds, so the largest scales are processed in overlapping tiles of 869 px. With 800 iterations on WebGL (GPU) expect about 13 minutes.',
    );
  });

  it('warns about long runs that need no tiles', () => {
    // 900 × 675 px stays within wasm's one pass (about 624 000 px at that size, network/passMemory.ts).
    expect(largeSizeWarning({ size: 900, photoWidth: 1024, photoHeight: 768, iterations: 500, backend: 'wasm' })).toMatch(/^900 × 675 px is a large picture for this device\. With 500 iterations on WebAssembly \(CPU\) expect about \d+ (minutes|hours)/);
  });

  it('never offers or asks for an export beyond 4096 px', () => {
    expect(exportLongestSide(4096, 2)).toBe(4096);
    expect(upscaleOffered(4096, 1.41)).toBe(false);
    expect(upscaleOffered(4096, 1)).toBe(true);
    expect(upscaleOffered(2048, 2)).toBe(true);
    expect(() => checkSettings(upscaleSettings({ ...DEFAULT_STUDIO_SETTINGS, size: 3000 }, 2))).not.toThrow();
  });

  it('formats durations in the unit a person would use', () => {
    expect(formatDuration(12)).toBe('about 10 seconds');
    expect(formatDuration(600)).toBe('about 10 minutes');
    expect(formatDuration(3 * 3600 + 600)).toBe('about 3 hours');
    expect(formatDuration(50 * 3600)).toBe('about 50 hours');
  });
});
