import { describe, expect, it } from 'vitest';
import { changeKind, inputSettings, type StudioDocument } from '../../renderer/state/studioDocument.js';
import { DEFAULT_STUDIO_SETTINGS } from '../../renderer/state/studioSettings.js';

const doc = (settings: Partial<typeof DEFAULT_STUDIO_SETTINGS>): StudioDocument => ({
  content: null,
  styles: [],
  weights: new Map(),
  masks: { contentId: null, keep: null, regions: new Map() },
  settings: inputSettings({ ...DEFAULT_STUDIO_SETTINGS, ...settings }),
}) as unknown as StudioDocument;

describe('the studio document', () => {
  it('sees no change in an equal copy of the per-layer style weights (a new array each read), and sees a changed weight', () => {
    expect(changeKind(doc({ styleLayerWeights: [1, 0.5, 1] }), doc({ styleLayerWeights: [1, 0.5, 1] }), 0)).toBeNull();
    expect(changeKind(doc({ styleLayerWeights: [1, 0.5, 1] }), doc({ styleLayerWeights: [1, 1, 1] }), 0)).toBe('settings:styleLayerWeights');
    expect(changeKind(doc({ size: 512 }), doc({ size: 200 }), 0)).toBe('settings:size');
  });

  it('leaves the engine and export choices out of the run’s inputs', () => {
    expect(changeKind(doc({ threads: 1, backend: 'auto' }), doc({ threads: 3, backend: 'wasm' }), 0)).toBeNull();
  });
});
