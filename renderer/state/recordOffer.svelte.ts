import type { ImageFile } from '../../app/host/contract.js';
import type { RunRecord } from '../../app/run/runRecord.js';
import { imageRunRecord } from '../metadata/imageRunRecord.js';

export interface PendingRecord {
  fileName: string;
  record: RunRecord;
  /** The picture itself, held back instead of replacing the photo on screen until the user chooses. */
  picture?: ImageFile;
}

/**
 * An opened or dropped image that carries Pastiche run settings: the studio offers to load them. A Pastiche
 * export brought in as the photo while another photo is on screen is held back: the user chooses between
 * loading its settings (keeping the photo, styles and masks) and using the picture as the new photo.
 */
export class RecordOffer {
  pending = $state.raw<PendingRecord | null>(null);

  constructor(
    private readonly applyRecord: (record: RunRecord) => void,
    private readonly usePicture: (picture: ImageFile) => Promise<void> = async () => {},
  ) {}

  /** Looks for a run record in a file the user brought in; offers it when there is one. Returns whether the file is held back. */
  inspect(file: ImageFile, holdBack = false): boolean {
    const record = imageRunRecord(file.bytes);
    if (!record) return false;
    this.pending = holdBack ? { fileName: file.name, record, picture: file } : { fileName: file.name, record };
    return holdBack;
  }

  /** Loads the settings; the photo, styles and masks on screen stay. */
  apply(): void {
    const offer = this.pending;
    this.pending = null;
    if (offer) this.applyRecord(offer.record);
  }

  /** Puts the held-back picture in as the photo (Undo brings the previous one back); its settings stay on offer. */
  async usePhoto(): Promise<void> {
    const offer = this.pending;
    if (!offer?.picture) return;
    this.pending = { fileName: offer.fileName, record: offer.record };
    await this.usePicture(offer.picture);
  }

  dismiss(): void {
    this.pending = null;
  }
}
