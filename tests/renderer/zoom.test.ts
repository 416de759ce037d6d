import { describe, expect, it } from 'vitest';
import { ZOOM_MAX, ZOOM_MIN, fitScale, stepScale, zoomAround, zoomLabel } from '../../renderer/components/zoom.js';

describe('preview zoom', () => {
  it('fits the image in the window with some room, up to 8×', () => {
    expect(fitScale(1000, 500, 556, 1000, 28)).toBeCloseTo(0.5);
    expect(fitScale(10, 10, 1000, 1000)).toBe(8);
    expect(fitScale(0, 10, 100, 100)).toBe(1);
  });

  it('keeps the point under the cursor in place', () => {
    const view = { scale: 1, pan: { x: 10, y: -20 } };
    const at = { x: 100, y: 50 };
    const next = zoomAround(view, 2, at);
    expect(next.scale).toBe(2);
    // The image point under `at` was (at - pan) / scale; it must map to `at` again.
    const before = { x: (at.x - view.pan.x) / view.scale, y: (at.y - view.pan.y) / view.scale };
    expect(before.x * next.scale + next.pan.x).toBeCloseTo(at.x);
    expect(before.y * next.scale + next.pan.y).toBeCloseTo(at.y);
  });

  it('clamps the zoom', () => {
    expect(zoomAround({ scale: 10, pan: { x: 0, y: 0 } }, 100, { x: 0, y: 0 }).scale).toBe(ZOOM_MAX);
    expect(zoomAround({ scale: 0.2, pan: { x: 0, y: 0 } }, 0.01, { x: 0, y: 0 }).scale).toBe(ZOOM_MIN);
  });

  it('steps through round zoom levels', () => {
    expect(stepScale(1, 1)).toBe(1.5);
    expect(stepScale(1, -1)).toBeCloseTo(2 / 3);
    expect(stepScale(0.8, 1)).toBe(1);
    expect(stepScale(16, 1)).toBe(ZOOM_MAX);
    expect(stepScale(0.1, -1)).toBe(ZOOM_MIN);
    expect(zoomLabel(6.2234)).toBe('622%');
  });
});
