import { describe, expect, it } from 'vitest';
import type { MaskImage } from '../../app/index.js';
import type { LoadedImage } from '../../renderer/state/loadedImage.js';
import { changeKind, documentBytes, imagesOf, inputSettings, type MaskSnapshot, type StudioDocument } from '../../renderer/state/studioDocument.js';
import { DEFAULT_STUDIO_SETTINGS } from '../../renderer/state/studioSettings.js';
import { undoKeyFor } from '../../renderer/state/undoKeys.js';
import { UndoHistory } from '../../renderer/state/undoHistory.js';

describe('the undo history', () => {
  it('steps back and forward through committed changes, and a new change drops what was ahead', () => {
    const h = new UndoHistory('a', { mergeMs: 0 });
    expect([h.canUndo, h.canRedo]).toEqual([false, false]);
    h.commit('b', 'x', 0);
    h.commit('c', 'x', 10);
    expect(h.current).toBe('c');
    expect(h.undo()).toBe('b');
    expect(h.undo()).toBe('a');
    expect(h.undo()).toBeNull();
    expect(h.redo()).toBe('b');
    expect(h.canRedo).toBe(true);
    h.commit('d', 'y', 20);
    expect(h.canRedo).toBe(false);
    expect(h.redo()).toBeNull();
    expect(h.undo()).toBe('b');
    expect(h.undo()).toBe('a');
  });

  it('merges changes of one kind made close together (a slider dragged) but not of different kinds or far apart', () => {
    const h = new UndoHistory(0, { mergeMs: 1000 });
    h.commit(1, 'size', 0);
    h.commit(2, 'size', 400);
    h.commit(3, 'size', 900);
    h.commit(4, 'seed', 950);
    h.commit(5, 'seed', 3000);
    expect(h.undo()).toBe(4);
    expect(h.undo()).toBe(3);
    expect(h.undo()).toBe(0);
    // After an undo, the same kind again is a new step, not a change of the one undone to.
    h.commit(7, 'size', 3100);
    expect(h.undo()).toBe(0);
  });

  it('keeps at most `limit` steps back, and drops the oldest while the documents pass the byte budget', () => {
    const h = new UndoHistory(0, { limit: 3, mergeMs: 0 });
    for (let i = 1; i <= 6; i++) h.commit(i, 'k', i);
    expect([h.undo(), h.undo(), h.undo(), h.undo()]).toEqual([5, 4, 3, null]);

    const sized = new UndoHistory(0, { mergeMs: 0, bytes: (docs) => docs.length * 10, budget: 35 });
    for (let i = 1; i <= 5; i++) sized.commit(i, 'k', i);
    expect(sized.documents().sort()).toEqual([3, 4, 5]);
  });
});

const image = (id: number) => ({ id, name: `${id}.jpg` }) as LoadedImage;
const mask = (fill: number, side = 4): MaskImage => ({ width: side, height: side, data: new Uint8ClampedArray(side * side).fill(fill) });
const noMasks: MaskSnapshot = { contentId: null, keep: null, regions: new Map() };
const doc = (over: Partial<StudioDocument> = {}): StudioDocument => ({
  content: null,
  styles: [],
  weights: new Map(),
  masks: noMasks,
  settings: inputSettings(DEFAULT_STUDIO_SETTINGS),
  ...over,
});

describe('the studio document', () => {
  it('names what changed, so that a slider drag merges and a stroke or a new photo does not', () => {
    const photo = image(1);
    const base = doc({ content: photo, styles: [image(2)] });
    expect(changeKind(base, { ...base }, 0)).toBeNull();
    expect(changeKind(base, { ...base, content: image(3) }, 0)).toBe('photo');
    expect(changeKind(base, { ...base, styles: [...base.styles, image(4)] }, 0)).toBe('styles');
    expect(changeKind(base, { ...base, weights: new Map([[2, 0.5]]) }, 0)).toBe('blend:2');
    expect(changeKind(base, { ...base, settings: { ...base.settings, size: 300 } }, 0)).toBe('settings:size');
    expect(changeKind(base, { ...base, settings: { ...base.settings, iterations: 40, quality: 'custom' } }, 0)).toBe('settings:iterations,quality');
    const painted = { ...base, masks: { contentId: 1, keep: mask(255), regions: new Map() } };
    expect(changeKind(base, painted, 7)).toBe('mask:7');
    expect(changeKind(painted, { ...painted, masks: { ...painted.masks } }, 8)).toBeNull();
    expect(changeKind(base, { ...painted, content: image(5) }, 9)).toBe('photo mask:9');
  });

  it('leaves the backend and the export choices out (preferences, not the picture)', () => {
    const s = inputSettings({ ...DEFAULT_STUDIO_SETTINGS, backend: 'wasm', exportFormat: 'webp' });
    expect(Object.keys(s)).not.toContain('backend');
    expect(Object.keys(s)).not.toContain('exportFormat');
    expect(s.size).toBe(DEFAULT_STUDIO_SETTINGS.size);
  });

  it('counts a mask layer shared by several steps once, and finds every image a step shows', () => {
    const keep = mask(255, 8);
    const region = mask(0, 4);
    const photo = image(1);
    const a = doc({ content: photo, masks: { contentId: 1, keep, regions: new Map() } });
    const b = doc({ content: photo, styles: [image(2), image(3)], masks: { contentId: 1, keep, regions: new Map([[2, region]]) } });
    expect(documentBytes([a, b])).toBe(64 + 16);
    expect([...imagesOf([a, b])].map((i) => i.id).sort()).toEqual([1, 2, 3]);
  });
});

describe('the undo keys', () => {
  const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) =>
    undoKeyFor({ key: k, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift, altKey: !!mods.alt });
  it('are Ctrl/⌘+Z to undo and Ctrl/⌘+Shift+Z or Ctrl+Y to redo', () => {
    expect(key('z', { ctrl: true })).toBe('undo');
    expect(key('z', { meta: true })).toBe('undo');
    expect(key('Z', { ctrl: true, shift: true })).toBe('redo');
    expect(key('Z', { meta: true, shift: true })).toBe('redo');
    expect(key('y', { ctrl: true })).toBe('redo');
    expect(key('z')).toBeNull();
    expect(key('z', { ctrl: true, alt: true })).toBeNull();
    expect(key('e', { ctrl: true })).toBeNull();
  });
});
