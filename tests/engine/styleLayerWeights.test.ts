import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../main/node/tfBackend.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { StyleTransferRun, type Progress } from '../../app/run/styleTransferRun.js';
import { checkSettings, DEFAULT_SETTINGS } from '../../app/run/settings.js';
import type { RgbaImage } from '../../app/image/rgbaImage.js';
import { syntheticVggWeights } from './syntheticWeights.js';
import { randomValues } from './numeric.js';

await useBackend('wasm');
const network = VggNetwork.fromWeights(syntheticVggWeights(4));
afterAll(() => network.dispose());

function image(width: number, height: number, seed: number): RgbaImage {
  const v = randomValues(width * height * 4, seed, 0, 255);
  return { width, height, data: Uint8ClampedArray.from(v, (x, i) => (i % 4 === 3 ? 255 : x)) };
}

const inputs = { content: image(24, 18, 1), styles: [image(24, 24, 2)] };
const base = { size: 24, startSize: 24, iterations: 3, optimizer: 'adam' as const };

async function progressOf(settings: object, maxPassPixels?: number): Promise<Progress[]> {
  const run = new StyleTransferRun(network, inputs, { ...base, ...settings, ...(maxPassPixels ? { maxPassPixels, tileHalo: 4 } : {}) });
  const seen: Progress[] = [];
  run.on('progress', (p) => seen.push(p));
  await run.start();
  return seen;
}

describe('per-layer style weights', () => {
  it('are checked: numbers ≥ 0, not all 0, one per style layer of the model', () => {
    expect(() => checkSettings({ ...DEFAULT_SETTINGS, styleLayerWeights: [1, -1] })).toThrow('style layer weights must be numbers ≥ 0 (got 1, -1)');
    expect(() => checkSettings({ ...DEFAULT_SETTINGS, styleLayerWeights: [0, 0] })).toThrow('at least one style layer weight must be above 0');
    expect(() => new StyleTransferRun(network, inputs, { ...base, styleLayerWeights: [1, 1, 0.5] })).toThrow(
      "3 style layer weights given for the model's 2 style layers (relu1_1, relu2_1); give one per layer, in that order",
    );
    expect(new StyleTransferRun(network, inputs, { ...base, styleLayerWeights: [2, 0.5] }).layers.styleWeights).toEqual([2, 0.5]);
  });

  it('report each layer’s part of the cost with every progress event, summing to the content and style parts', async () => {
    for (const [settings, tiled] of [[{}, false], [{ styleLayerWeights: [1, 0] }, false], [{ styleLayerWeights: [1, 3] }, true]] as const) {
      const seen = await progressOf(settings, tiled ? 16 * 16 : undefined);
      expect(seen).toHaveLength(3);
      for (const p of seen) {
        const l = p.layerCosts!;
        expect(l.style).toHaveLength(2);
        expect(l.content).toBeCloseTo(p.costs.content, 6);
        expect(l.style[0]! + l.style[1]!).toBeCloseTo(p.costs.style * 10, 5);
        if ('styleLayerWeights' in settings && settings.styleLayerWeights[1] === 0) expect(l.style[1]).toBe(0);
        else expect(l.style.every((v) => v > 0)).toBe(true);
      }
    }
  });

  it('change the cost the run minimises', async () => {
    const equal = await progressOf({});
    const first = await progressOf({ styleLayerWeights: [1, 0] });
    // Both start from the photo: the first iteration's style cost differs only in how the layers are weighed.
    expect(first[0]!.costs.style).not.toBeCloseTo(equal[0]!.costs.style, 4);
  });
});
