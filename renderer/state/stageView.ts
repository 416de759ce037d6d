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
  /** Where the engine's last frame comes from, with that frame. */
  frameOrigin?: { image: RgbaImage; iteration: number; scaleIndex: number } | null;
}

/** The run's point the picture on the stage shows, when it is one of the engine's frames. */
export interface StageOrigin {
  iteration: number;
  scaleIndex: number;
}

/** The picture on the stage, what Compare splits it against, and the caption that says which run it belongs to. */
export interface StageView {
  picture: RgbaImage | ImageBitmap | null;
  before: ImageBitmap | null;
  canCompare: boolean;
  caption: string;
  /** The stage shows a batch photo (Export saves the studio's own picture, so it waits until the batch is over). */
  batch: boolean;
  /** Set when the picture is an engine frame: the iteration and scale it shows. */
  origin?: StageOrigin | null;
}

/** The stage view with the origin of its picture, when that picture is the engine's last frame. */
export function stageViewWithOrigin(run: StageRun, content: LoadedImage | null, batch: BatchPhoto | null): StageView {
  const view = stageView(run, content, batch);
  const origin = run.frameOrigin;
  return origin && view.picture === origin.image ? { ...view, origin: { iteration: origin.iteration, scaleIndex: origin.scaleIndex } } : view;
}

const sizeOf = (p: { width: number; height: number }) => `${p.width} × ${p.height}`;

/** What a frame of a run that is still going is called: paused, it is no longer live. */
const liveName = (run: StageRun) => (run.phase === 'paused' ? 'Paused' : 'Live preview');

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
    const what = painted ? (run.active ? liveName(run) : 'Result') : 'Photo';
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
  const caption = ownActive ? `${run.purpose === 'upscale' ? 'Upscaling' : liveName(run)} · ${size}` : `${run.phase === 'failed' && run.purpose !== 'batch' ? 'Last good picture' : 'Result'} · ${size}`;
  return { picture, before, canCompare: !ownActive, caption, batch: false };
}
