import type { RgbaImage } from '../../app/index.js';
import type { LoadedImage } from './loadedImage.js';

/** The photo of the batch queue being painted: its own picture, its place in the queue. */
export interface BatchPhoto {
  name: string;
  /** 1-based place in the queue, and the queue's length. */
  index: number;
  total: number;
  bitmap: ImageBitmap;
}

/** What the stage needs of the current run (RunState; plain types so that the model is testable apart from Svelte). */
export interface StageRun {
  purpose: 'render' | 'upscale' | 'batch';
  phase: string;
  active: boolean;
  frame: RgbaImage | null;
  previewed: boolean;
  result: RgbaImage | null;
  source: { contentId: number } | null;
}

/** The picture on the stage, what Compare splits it against, and the caption that says which run it belongs to. */
export interface StageView {
  picture: RgbaImage | ImageBitmap | null;
  before: ImageBitmap | null;
  canCompare: boolean;
  caption: string;
  /** The stage shows a batch photo (Export saves the studio's own picture, so it waits until the batch is over). */
  batch: boolean;
}

const sizeOf = (p: { width: number; height: number }) => `${p.width} × ${p.height}`;

/**
 * One model of the stage. While a batch runs, the stage is a labelled batch view: the photo being painted
 * (then its frames), "Batch · name · n of N", compared with that photo. Otherwise it shows the studio's own
 * run (render, upscale, or a history result) when it was made from the photo on screen, else the photo;
 * that picture is the one Export saves, under that run's names. A batch never leaves its frames behind.
 */
export function stageView(run: StageRun, content: LoadedImage | null, batch: BatchPhoto | null): StageView {
  if (batch) {
    const painted = run.purpose === 'batch' && run.previewed && run.frame !== null;
    const picture = painted ? run.frame! : batch.bitmap;
    const what = painted ? (run.active ? 'Live preview' : 'Result') : 'Photo';
    return { picture, before: batch.bitmap, canCompare: painted, caption: `Batch · ${batch.name} · ${batch.index} of ${batch.total} · ${what} · ${sizeOf(picture)}`, batch: true };
  }
  // After a batch, the frame is the batch's last one: the studio's own picture is the kept result.
  const own = run.purpose === 'batch' ? run.result : run.frame;
  const showsRun = own !== null && run.source !== null && run.source.contentId === (content?.id ?? -1);
  const picture = showsRun ? own : (content?.bitmap ?? null);
  const before = content?.bitmap ?? null;
  if (!picture) return { picture, before, canCompare: false, caption: '', batch: false };
  const size = sizeOf(picture);
  if (!showsRun) return { picture, before, canCompare: false, caption: `Photo · ${size}`, batch: false };
  const ownActive = run.active && run.purpose !== 'batch';
  const caption = ownActive ? `${run.purpose === 'upscale' ? 'Upscaling' : 'Live preview'} · ${size}` : `${run.phase === 'failed' && run.purpose !== 'batch' ? 'Last good picture' : 'Result'} · ${size}`;
  return { picture, before, canCompare: !ownActive, caption, batch: false };
}
