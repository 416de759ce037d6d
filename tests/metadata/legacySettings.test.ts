import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';
import { PartialStyleSettingsSchema, StyleSettingsSchema } from '../../main/node/metadata/styleSettingsSchema.js';

describe('settings written before preview frames were timed and scales could end early', () => {
  const { previewSeconds: _, minImprovement: __, ...withoutSeconds } = DEFAULT_SETTINGS;
  const old = { ...withoutSeconds, previewEvery: 10, size: 640 };

  it('a complete old record (previewEvery, no previewSeconds or minImprovement) reads as the run it was: timed previews, the fixed schedule', () => {
    expect(StyleSettingsSchema.parse(old)).toEqual({ ...DEFAULT_SETTINGS, size: 640, minImprovement: 0 });
  });

  it('an old settings file with previewEvery reads; its other values are kept', () => {
    expect(PartialStyleSettingsSchema.parse({ previewEvery: 3, size: 300 })).toEqual({ ...DEFAULT_SETTINGS, size: 300 });
  });

  it('a record with both keeps its previewSeconds, and misspelt or bad values are still refused', () => {
    expect(StyleSettingsSchema.parse({ ...DEFAULT_SETTINGS, previewEvery: 10, previewSeconds: 2 }).previewSeconds).toBe(2);
    expect(StyleSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, previewEvry: 10 }).success).toBe(false);
    expect(StyleSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, previewSeconds: -1 }).error?.issues[0]?.message).toBe('previewSeconds must be a number ≥ 0 (got -1)');
    expect(StyleSettingsSchema.safeParse({ ...withoutSeconds, minImprovement: 0 }).success).toBe(false);
  });
});

describe('settings written before the edge padding was a setting', () => {
  const { edgePadding: _, ...withoutEdge } = DEFAULT_SETTINGS;

  it('a complete old record without edgePadding reads as painted: zero padding', () => {
    expect(StyleSettingsSchema.parse(withoutEdge)).toEqual({ ...DEFAULT_SETTINGS, edgePadding: 'zero' });
  });

  it('a settings file may choose replicate; another mode is refused', () => {
    expect(PartialStyleSettingsSchema.parse({ edgePadding: 'replicate' })).toEqual({ ...DEFAULT_SETTINGS, edgePadding: 'replicate' });
    expect(StyleSettingsSchema.parse({ ...DEFAULT_SETTINGS, edgePadding: 'replicate' }).edgePadding).toBe('replicate');
    expect(PartialStyleSettingsSchema.safeParse({ edgePadding: 'mirror' }).success).toBe(false);
  });
});
