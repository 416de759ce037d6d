import type { Host, RunCheckpoint } from '../../app/host/contract.js';
import type { Notices } from './notices.svelte.js';
import { userMessage } from './userMessage.js';

/** What the studio does with an unfinished run. */
export interface ResumeActions {
  /** Restores the run's images and settings and continues it; resolves false when it could not. */
  resume(checkpoint: RunCheckpoint): Promise<boolean>;
  /** Whether the host's checkpoint is still the one offered (no run of this page has saved over it). */
  stillStored(): boolean;
}

/** An unfinished run the host kept (the studio crashed or was forced to quit): offered for resuming. */
export class ResumeOffer {
  pending = $state.raw<RunCheckpoint | null>(null);
  busy = $state(false);

  constructor(
    private readonly host: Host,
    private readonly notices: Notices,
    private readonly actions: ResumeActions,
  ) {}

  async check(): Promise<void> {
    try {
      this.pending = await this.host.checkpointLoad();
    } catch (e) {
      this.notices.error(`The unfinished run could not be read. ${userMessage(e, 'reading the unfinished run')}`);
    }
  }

  async resume(): Promise<void> {
    const checkpoint = this.pending;
    if (!checkpoint || this.busy) return;
    this.busy = true;
    try {
      if (await this.actions.resume(checkpoint)) this.pending = null;
    } finally {
      this.busy = false;
    }
  }

  async discard(): Promise<void> {
    if (!this.pending) return;
    this.pending = null;
    if (!this.actions.stillStored()) return;
    await this.host.checkpointClear().catch((e: unknown) => this.notices.error(userMessage(e, 'removing the unfinished run')));
  }
}
