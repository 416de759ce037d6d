export type NoticeTone = 'error' | 'info' | 'success';

export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  id: number;
  tone: NoticeTone;
  text: string;
  action?: NoticeAction;
}

const INFO_SECONDS = 6;

/** Messages for the user: errors stay until dismissed, confirmations fade after a few seconds. */
export class Notices {
  items = $state<Notice[]>([]);
  private next = 1;

  /** `shown` sees every message as it appears (the studio logs them). */
  constructor(private readonly shown: (tone: NoticeTone, text: string) => void = () => {}) {}

  show(tone: NoticeTone, text: string, action?: NoticeAction): number {
    const id = this.next++;
    this.shown(tone, text);
    this.items = [...this.items.filter((n) => n.text !== text), { id, tone, text, action }];
    if (tone !== 'error') setTimeout(() => this.dismiss(id), INFO_SECONDS * 1000);
    return id;
  }

  error(text: string, action?: NoticeAction): number {
    return this.show('error', text, action);
  }

  info(text: string): number {
    return this.show('info', text);
  }

  success(text: string, action?: NoticeAction): number {
    return this.show('success', text, action);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}
