import { describe, expect, it } from 'vitest';
import { passBytesPerPixel, passesFit, passPixelLimit, shareBackendMemory } from '../../app/network/passMemory.js';
import type { ReluName } from '../../app/weights/vggLayers.js';

// The shared partial model's layers (conv1_1 … conv3_4): content relu3_2, style relu1_1, relu2_1, relu3_1.
const PARTIAL: ReluName[] = ['relu3_2', 'relu1_1', 'relu2_1', 'relu3_1'];

describe('one-pass limit', () => {
  it('estimates the bytes per pixel of a pass by hand: 12 per tap value, 1 per other value, 12 per value of the largest layer', () => {
    // Values per image pixel: relu1_1 64, relu1_2 64, relu2_1 32, relu2_2 32, relu3_1 16, relu3_2 16.
    expect(passBytesPerPixel(PARTIAL)).toBe(12 * (64 + 32 + 16 + 16) + (64 + 32) + 12 * 64);
  });

  it('gives wasm what is left of 1.75 GiB after the picture, and WebGL at most what one texture unrolls', () => {
    const wasm = passPixelLimit({ backend: 'wasm' }, PARTIAL, 1024 * 1024);
    expect(wasm).toBe(Math.floor((1.75 * 2 ** 30 - 2 ** 28 - 1024 * 1024 * 96) / 2400));
    // A larger picture leaves less for the pass, never less than a quarter GiB.
    expect(passPixelLimit({ backend: 'wasm' }, PARTIAL, 4096 * 4096)).toBeLessThan(wasm);
    expect(passPixelLimit({ backend: 'wasm' }, PARTIAL, 1e9)).toBe(Math.floor(2 ** 28 / 2400));
    // conv1_2 unrolls 9 × 64 values per pixel, four to a texel: 4096² × 4 / 576.
    expect(passPixelLimit({ backend: 'webgl', maxTextureSize: 4096 }, PARTIAL, 512 * 512)).toBe(Math.floor((4096 * 4096 * 4) / 576));
  });

  it('splits what the picture leaves between passes held at once (tiles painted by two threads)', () => {
    const left = 1.75 * 2 ** 30 - 2 ** 28 - 2048 * 1362 * 96;
    expect(passPixelLimit({ backend: 'wasm' }, PARTIAL, 2048 * 1362, 2)).toBe(Math.floor(left / 2 / 2400));
    expect(passPixelLimit({ backend: 'wasm' }, PARTIAL, 1e9, 2)).toBe(Math.floor(2 ** 28 / 2400));
  });

  it('lets tiles be painted side by side only while each pass keeps more than the floor', () => {
    expect(passesFit({ backend: 'wasm' }, PARTIAL, 2048 * 1362, 4)).toBe(true);
    // 4096 × 2725: the picture's tensors leave about half a GiB, an eighth of it each.
    expect(passesFit({ backend: 'wasm' }, PARTIAL, 4096 * 2725, 4)).toBe(false);
    expect(passesFit({ backend: 'wasm' }, PARTIAL, 4096 * 2725, 1)).toBe(true);
  });

  it('gives an engine that shares the process with others its share of the budget (batch --jobs)', () => {
    // Two jobs: each has half of 1.75 GiB, less the same reserve and picture.
    expect(passPixelLimit({ backend: 'wasm', budgetShare: 0.5 }, PARTIAL, 256 * 256)).toBe(Math.floor((0.875 * 2 ** 30 - 2 ** 28 - 256 * 256 * 96) / 2400));
    expect(passPixelLimit({ backend: 'wasm', budgetShare: 0.5 }, PARTIAL, 256 * 256)).toBeLessThan(passPixelLimit({ backend: 'wasm' }, PARTIAL, 256 * 256) / 2);
    expect(() => shareBackendMemory(0)).toThrow(/expected a share in \(0, 1\], got 0/);
    expect(() => shareBackendMemory(1.5)).toThrow(/got 1.5/);
  });
});
