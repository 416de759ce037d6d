import type { ImageFile } from '../../app/host/contract.js';
import type { RunRecord } from '../../app/run/runRecord.js';
import { imageRunRecord } from '../metadata/imageRunRecord.js';

export interface PendingRecord {
  fileName: string;
  record: RunRecord;
}

/** An opened or dropped image that carries Pastiche run settings: the studio offers to load them. */
export class RecordOffer {
  pending = $state.raw<PendingRecord | null>(null);

  constructor(private readonly applyRecord: (record: RunRecord) => void) {}

  /** Looks for a run record in a file the user brought in; offers it when there is one. */
  inspect(file: ImageFile): void {
    const record = imageRunRecord(file.bytes);
    if (record) this.pending = { fileName: file.name, record };
  }

  apply(): void {
    const offer = this.pending;
    this.pending = null;
    if (offer) this.applyRecord(offer.record);
  }

  dismiss(): void {
    this.pending = null;
  }
}
