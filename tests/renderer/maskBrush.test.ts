import { describe, expect, it } from 'vitest';
import { dabValue, emptyMask, invertMask, isEmptyMask, paintDab, paintStroke } from '../../renderer/mask/maskBrush.js';
import { maskInputs } from '../../renderer/mask/maskInputs.js';

const at = (m: { width: number; data: ArrayLike<number> }, x: number, y: number) => m.data[y * m.width + x]!;

describe('mask brush', () => {
  it('makes masks at the photo’s aspect ratio, longest side 512', () => {
    expect(emptyMask(4000, 3000)).toMatchObject({ width: 512, height: 384 });
    expect(emptyMask(300, 600).data.length).toBe(256 * 512);
  });

  it('paints 255 at the centre and falls off linearly to 0 across the feather', () => {
    const mask = emptyMask(101, 101, 101);
    paintDab(mask, { x: 50.5, y: 50.5 }, { radius: 30, feather: 10, erase: false });
    expect(at(mask, 50, 50)).toBe(255);
    expect(at(mask, 50 + 20, 50)).toBe(255); // the hard core: radius − feather
    expect(at(mask, 50 + 25, 50)).toBe(128); // half way across the feather
    expect(at(mask, 50 + 29, 50)).toBe(26);
    expect(at(mask, 50 + 30, 50)).toBe(0);
    const row = Array.from({ length: 11 }, (_, k) => at(mask, 70 + k, 50));
    for (let k = 1; k < row.length; k++) expect(row[k]!).toBeLessThan(row[k - 1]!);
    expect(at(mask, 0, 0)).toBe(0);
  });

  it('has a hard edge with no feather', () => {
    expect([dabValue(9.9, 10, 0), dabValue(10, 10, 0)]).toEqual([255, 0]);
  });

  it('strokes cover the line between points, and the eraser takes paint away', () => {
    const mask = emptyMask(200, 100, 200);
    paintStroke(mask, { x: 20, y: 50 }, { x: 180, y: 50 }, { radius: 8, feather: 0, erase: false });
    for (let x = 20; x < 180; x += 7) expect(at(mask, x, 50)).toBe(255);
    expect(at(mask, 100, 70)).toBe(0);
    paintStroke(mask, { x: 100, y: 30 }, { x: 100, y: 70 }, { radius: 6, feather: 0, erase: true });
    expect(at(mask, 100, 50)).toBe(0);
    expect(at(mask, 60, 50)).toBe(255);
    invertMask(mask);
    expect([at(mask, 60, 50), at(mask, 100, 50), at(mask, 5, 5)]).toEqual([0, 255, 255]);
  });
});

describe('mask run inputs', () => {
  it('sends only painted masks, as copies', () => {
    const keep = emptyMask(64, 64, 64);
    expect(maskInputs(keep, new Map(), [1])).toEqual({});
    keep.data[0] = 200;
    const sent = maskInputs(keep, new Map(), [1]);
    expect(sent.keepMask?.data[0]).toBe(200);
    expect(sent.keepMask?.data.buffer).not.toBe(keep.data.buffer);
    expect(sent.styleMasks).toBeUndefined();
  });

  it('gives unpainted styles the rest of the picture', () => {
    const region = emptyMask(4, 1, 4);
    region.data.set([255, 100, 0, 0]);
    const sent = maskInputs(null, new Map([[7, region]]), [3, 7, 9]);
    expect(sent.styleMasks?.map((m) => Array.from(m.data))).toEqual([
      [0, 155, 255, 255],
      [255, 100, 0, 0],
      [0, 155, 255, 255],
    ]);
    expect(isEmptyMask(sent.styleMasks![0]!)).toBe(false);
    // One style: a region means nothing.
    expect(maskInputs(null, new Map([[7, region]]), [7]).styleMasks).toBeUndefined();
  });
});
