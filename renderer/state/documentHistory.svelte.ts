import { untrack } from 'svelte';
import { release, type ImageSet, type LoadedImage } from './images.svelte.js';
import type { MaskSet } from './maskSet.svelte.js';
import type { StyleBlend } from './styleBlendState.svelte.js';
import { changeKind, documentBytes, imagesOf, inputSettings, type StudioDocument } from './studioDocument.js';
import type { StudioSettings } from './studioSettings.js';
import { UndoHistory } from './undoHistory.js';

/** Mask bytes the undo steps may hold together (a mask is at most 512 × 512, a quarter MiB). */
const MASK_BUDGET = 64 * 1024 * 1024;

/** The parts of the studio the document is made of. */
export interface DocumentParts {
  images: ImageSet;
  blend: StyleBlend;
  masks: MaskSet;
  settings(): StudioSettings;
  setSettings(settings: StudioSettings): void;
  now?(): number;
}

/**
 * The studio's undo and redo: watches the run's inputs and records each change as a step (a stroke, a slider
 * drag, a replaced photo), and puts an earlier document back on Undo. Images taken off screen stay decoded
 * while a step can bring them back and are released when none can.
 */
export class DocumentHistory {
  canUndo = $state(false);
  canRedo = $state(false);
  private history: UndoHistory<StudioDocument> | null = null;
  private held = 0;
  private recheck = $state(0);
  /** Images the screen or an undo step showed; released once neither does. */
  private readonly known = new Set<LoadedImage>();

  constructor(private readonly parts: DocumentParts) {}

  /** Starts recording from the document as it is now; returns the clean-up. */
  watch(): () => void {
    const initial = this.read();
    imagesOf([initial]).forEach((image) => this.known.add(image));
    this.history = new UndoHistory(initial, { bytes: documentBytes, budget: MASK_BUDGET });
    return $effect.root(() => {
      $effect(() => {
        void this.recheck;
        if (this.parts.masks.painting) return;
        const doc = this.read();
        untrack(() => this.observe(doc));
      });
    });
  }

  /** An image was taken off screen: released once no undo step shows it. */
  retire = (image: LoadedImage): void => {
    this.known.add(image);
    if (!this.history) this.sweep();
  };

  undo(): boolean {
    return this.move(this.history?.undo() ?? null);
  }

  redo(): boolean {
    return this.move(this.history?.redo() ?? null);
  }

  /** Runs a change made of several edits (e.g. opening a history entry's photo, styles and masks) as one undo step. */
  async group<T>(work: () => Promise<T>): Promise<T> {
    this.held += 1;
    try {
      return await work();
    } finally {
      this.held -= 1;
      this.recheck += 1;
    }
  }

  private read(): StudioDocument {
    const { images, blend, masks } = this.parts;
    return { content: images.content, styles: images.styles, weights: blend.snapshot(), masks: masks.snapshot(), settings: inputSettings($state.snapshot(this.parts.settings())) };
  }

  private observe(doc: StudioDocument): void {
    const history = this.history;
    if (!history || this.held > 0) return;
    const kind = changeKind(history.current, doc, this.parts.masks.edits);
    if (!kind) return;
    imagesOf([doc]).forEach((image) => this.known.add(image));
    history.commit(doc, kind, this.parts.now?.() ?? performance.now());
    this.settle();
  }

  private move(doc: StudioDocument | null): boolean {
    if (!doc) return false;
    const { images, blend, masks } = this.parts;
    images.content = doc.content;
    images.styles = [...doc.styles];
    blend.restore(doc.weights);
    masks.restore(doc.masks);
    this.parts.setSettings({ ...$state.snapshot(this.parts.settings()), ...doc.settings });
    this.settle();
    return true;
  }

  private settle(): void {
    this.canUndo = this.history?.canUndo ?? false;
    this.canRedo = this.history?.canRedo ?? false;
    this.sweep();
  }

  /** Releases the images taken off screen that neither the screen nor any undo step shows. */
  private sweep(): void {
    const { images } = this.parts;
    const shown = imagesOf([...(this.history?.documents() ?? []), { content: images.content, styles: images.styles }]);
    for (const image of this.known) {
      if (shown.has(image)) continue;
      this.known.delete(image);
      release(image);
    }
  }
}
