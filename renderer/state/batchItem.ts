/** Where a photo of the batch stands. */
export type BatchStatus = 'waiting' | 'painting' | 'done' | 'skipped' | 'failed' | 'cancelled';

/** A photo in the batch queue. */
export interface BatchItem {
  id: number;
  /** The photo's file name. */
  name: string;
  status: BatchStatus;
  /** Why it was skipped or failed, or where its result went; a sentence for the user. */
  detail: string;
  /** The setup (setupKey) this photo's result was made with, once done: a later batch with the same setup skips it. */
  doneWith: string | null;
}

export const STATUS_LABELS: Readonly<Record<BatchStatus, string>> = {
  waiting: 'Waiting',
  painting: 'Painting',
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
