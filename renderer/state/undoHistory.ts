/** How many steps back Undo can go. */
export const UNDO_LIMIT = 100;

export interface UndoOptions<D> {
  /** Most steps kept behind the present one (the oldest go first). */
  limit?: number;
  /** Consecutive changes of the same kind closer than this (ms) are one step (a slider dragged, a value typed). */
  mergeMs?: number;
  /** Bytes these documents hold together (buffers they share counted once); the oldest steps go while it passes `budget`. */
  bytes?: (docs: readonly D[]) => number;
  budget?: number;
}

interface Step<D> {
  doc: D;
  kind: string;
  at: number;
}

/**
 * The undo history of a document (the studio's run inputs), as a drawing program keeps it: the present
 * document and the ones before and after it. A change is committed with its kind; a change of the same kind
 * soon after the last merges into that step. Undo and redo move the present and return the document to show;
 * a new change after an undo drops the steps that were ahead. Documents are immutable snapshots.
 */
export class UndoHistory<D> {
  private past: Step<D>[] = [];
  private future: Step<D>[] = [];
  private present: Step<D>;
  private readonly limit: number;
  private readonly mergeMs: number;

  constructor(
    initial: D,
    private readonly options: UndoOptions<D> = {},
  ) {
    this.present = { doc: initial, kind: '', at: -Infinity };
    this.limit = options.limit ?? UNDO_LIMIT;
    this.mergeMs = options.mergeMs ?? 1000;
  }

  get current(): D {
    return this.present.doc;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Every document the history still holds (the present one first), for releasing what none of them uses. */
  documents(): D[] {
    return [this.present.doc, ...this.past.map((s) => s.doc), ...this.future.map((s) => s.doc)];
  }

  /** Records `doc` as the present after a change of `kind` at time `now` (ms). */
  commit(doc: D, kind: string, now: number): void {
    const merges = this.future.length === 0 && this.past.length > 0 && kind === this.present.kind && now - this.present.at < this.mergeMs;
    if (!merges) this.past.push(this.present);
    this.present = { doc, kind, at: now };
    this.future = [];
    this.trim();
  }

  /** Steps back; returns the document to show, or null when there is nothing to undo. */
  undo(): D | null {
    const previous = this.past.pop();
    if (!previous) return null;
    this.future.push(this.present);
    this.present = { ...previous, kind: '', at: -Infinity };
    return previous.doc;
  }

  /** Steps forward again; returns the document to show, or null when there is nothing to redo. */
  redo(): D | null {
    const next = this.future.pop();
    if (!next) return null;
    this.past.push(this.present);
    this.present = { ...next, kind: '', at: -Infinity };
    return next.doc;
  }

  private trim(): void {
    if (this.past.length > this.limit) this.past.splice(0, this.past.length - this.limit);
    const { bytes, budget } = this.options;
    if (!bytes || budget === undefined) return;
    while (this.past.length > 0 && bytes(this.documents()) > budget) this.past.shift();
  }
}
