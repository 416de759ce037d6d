import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../app/index.js';
import type { LoadedImage } from '../../renderer/state/loadedImage.js';
import { stageView, stageViewWithOrigin, type BatchPhoto, type StageRun } from '../../renderer/state/stageView.js';

const picture = (width: number, height: number): RgbaImage => ({ width, height, data: new Uint8ClampedArray(width * height * 4) });
const bitmap = (width: number, height: number) => ({ width, height }) as ImageBitmap;
const photo = { id: 7, name: 'chelsea.jpg', bitmap: bitmap(451, 300) } as LoadedImage;
const result = picture(192, 128);
/** The studio's own finished run of the photo on screen. */
const finished: StageRun = { purpose: 'render', phase: 'done', active: false, frame: result, previewed: true, result, source: { contentId: 7 } };
const coffee: BatchPhoto = { name: 'coffee.jpg', index: 2, total: 3, bitmap: bitmap(600, 400) };

describe('the stage', () => {
  it('shows the studio’s own result, compared with the photo it was made from', () => {
    expect(stageView(finished, photo, null)).toEqual({ picture: result, before: photo.bitmap, canCompare: true, caption: 'Result · 192 × 128', batch: false });
  });

  it('is a labelled batch view of the photo being painted, compared with that photo once a frame is painted', () => {
    const starting = stageView({ ...finished, purpose: 'batch', phase: 'running', active: true, previewed: false }, photo, coffee);
    expect(starting).toEqual({ picture: coffee.bitmap, before: coffee.bitmap, canCompare: false, caption: 'Batch · coffee.jpg · 2 of 3 · Photo · 600 × 400', batch: true });
    const frame = picture(192, 128);
    const painting = stageView({ ...finished, purpose: 'batch', phase: 'running', active: true, frame, previewed: true }, photo, coffee);
    expect(painting).toMatchObject({ picture: frame, before: coffee.bitmap, canCompare: true, caption: 'Batch · coffee.jpg · 2 of 3 · Live preview · 192 × 128' });
  });

  it('after a batch shows the studio’s own result again, not the batch’s last frame', () => {
    const batchFrame = picture(192, 192);
    const after = stageView({ ...finished, purpose: 'batch', phase: 'done', frame: batchFrame }, photo, null);
    expect(after.picture).toBe(result);
    expect(after.caption).toBe('Result · 192 × 128');
    // With no result of its own, the photo.
    expect(stageView({ ...finished, purpose: 'batch', frame: batchFrame, result: null }, photo, null)).toMatchObject({ picture: photo.bitmap, caption: 'Photo · 451 × 300', canCompare: false });
  });

  it('shows the photo when the result was made from another one, and a live preview without Compare while the run paints', () => {
    expect(stageView(finished, { ...photo, id: 8 }, null)).toMatchObject({ picture: photo.bitmap, caption: 'Photo · 451 × 300', canCompare: false });
    expect(stageView({ ...finished, phase: 'running', active: true }, photo, null)).toMatchObject({ caption: 'Live preview · 192 × 128', canCompare: false });
    expect(stageView({ ...finished, phase: 'paused', active: true }, photo, null)).toMatchObject({ caption: 'Paused · 192 × 128', canCompare: false });
    expect(stageView({ ...finished, phase: 'failed' }, photo, null).caption).toBe('Last good picture · 192 × 128');
    expect(stageView({ ...finished, purpose: 'upscale', phase: 'running', active: true }, photo, null).caption).toBe('Upscaling · 192 × 128');
  });

  it('labels the picture with the iteration and scale of the engine frame it is, and nothing else', () => {
    const frame = picture(128, 85);
    const painting: StageRun = { ...finished, phase: 'paused', active: true, frame, frameOrigin: { image: frame, iteration: 13, scaleIndex: 1 } };
    expect(stageViewWithOrigin(painting, photo, null)).toMatchObject({ picture: frame, origin: { iteration: 13, scaleIndex: 1 } });
    // The result (a picture the engine did not send as a frame), or the photo, carries no origin.
    expect(stageViewWithOrigin({ ...painting, frame: result }, photo, null).origin).toBeUndefined();
    expect(stageViewWithOrigin(painting, { ...photo, id: 8 }, null).origin).toBeUndefined();
  });
});
