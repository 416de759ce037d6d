import { untrack } from 'svelte';
import type { CheckpointInputs, Host } from '../../app/host/contract.js';
import type { RgbaImage, StyleSettings } from '../../app/index.js';
import { encodeImage } from '../image/encodeImage.js';
import type { RunState } from './runState.svelte.js';
import { userMessage } from './userMessage.js';

/** How often a run's picture is kept for resuming after a crash (a save never starts before the last one ended). */
export const CHECKPOINT_EVERY_MS = 5000;

/** What the checkpointer needs from the studio. */
export interface CheckpointSource {
  readonly run: RunState;
  /** The inputs of the run that is starting (read once, saved with its first checkpoint). */
  inputs(): Promise<CheckpointInputs> | null;
  /** A save failed (told once per run: the run goes on). */
  failed(message: string): void;
}

/** The run being checkpointed. */
interface Session {
  /** RunState's id of the run. */
  run: number;
  runId: string;
  /** The settings of the whole run (a resumed run: those of the run it continues). */
  settings: StyleSettings;
  inputs: Promise<CheckpointInputs> | null;
  inputsSaved: boolean;
  /** The host's checkpoint is this run's: clear it when the run's result is kept. */
  owns: boolean;
  reported: boolean;
}

interface Frame {
  image: RgbaImage;
  iteration: number;
  scaleIndex: number;
}

/**
 * Keeps the picture of the running render every few seconds through the host (with the run's inputs on its
 * first save), and clears it once the run's result is kept. Also tells the host whether a run is going.
 */
export class Checkpointer {
  /** Whether any run of this page has saved a checkpoint (the host's checkpoint then is not an older run's). */
  savedAny = false;
  private session: Session | null = null;
  private latest: Frame | null = null;
  private savedFrame: RgbaImage | null = null;
  private saving: Promise<void> | null = null;
  private resume: { settings: StyleSettings; iteration: number } | null = null;

  constructor(
    private readonly host: Host,
    private readonly source: CheckpointSource,
    private readonly newRunId: () => string = () => crypto.randomUUID(),
  ) {}

  /** The next run continues a checkpoint: the whole run's settings and the iterations it had done. */
  resuming(settings: StyleSettings, iteration: number): void {
    this.resume = { settings, iteration };
  }

  /** Follows the run until the returned function is called. */
  watch(): () => void {
    const run = this.source.run;
    const stopEffects = $effect.root(() => {
      $effect(() => {
        const active = run.active;
        untrack(() => void this.host.setRunActive(active).catch(() => undefined));
      });
      $effect(() => {
        const seen = { phase: run.phase, frame: run.frame, previewed: run.previewed };
        untrack(() => this.follow(seen.frame, seen.previewed));
      });
    });
    const timer = window.setInterval(() => this.tick(), CHECKPOINT_EVERY_MS);
    return () => {
      stopEffects();
      window.clearInterval(timer);
    };
  }

  /**
   * The run ended. When its result is kept (in the history, or on screen after a failure) its checkpoint is
   * no longer needed; otherwise it stays, to be resumed next time.
   */
  async ended(resultKept: boolean): Promise<void> {
    const session = this.session;
    this.session = null;
    this.latest = null;
    await this.saving;
    if (!resultKept || !session?.owns) return;
    await this.host.checkpointClear().catch((e: unknown) => this.source.failed(userMessage(e, 'removing the saved run')));
  }

  private follow(frame: RgbaImage | null, previewed: boolean): void {
    const run = this.source.run;
    if (!run.active || run.purpose !== 'render') return;
    if (this.session?.run !== run.id) this.begin();
    if (previewed && frame && frame !== this.latest?.image) {
      // The frame's own label: a new scale's first frame comes before that scale's first progress.
      const origin = run.frameOrigin?.image === frame ? run.frameOrigin : null;
      this.latest = {
        image: frame,
        iteration: origin?.iteration ?? run.progress?.iteration ?? run.iterationOffset,
        scaleIndex: origin?.scaleIndex ?? run.progress?.scaleIndex ?? 0,
      };
    }
  }

  private begin(): void {
    const run = this.source.run;
    const resume = this.resume;
    this.resume = null;
    this.latest = null;
    this.session = {
      run: run.id,
      runId: this.newRunId(),
      settings: resume?.settings ?? run.settings!,
      inputs: this.source.inputs(),
      inputsSaved: false,
      // A resumed run takes over the checkpoint it continues.
      owns: resume !== null,
      reported: false,
    };
  }

  private tick(): void {
    const session = this.session;
    const frame = this.latest;
    if (!session || !frame || frame.image === this.savedFrame || this.saving || !this.source.run.active) return;
    this.saving = this.save(session, frame).finally(() => (this.saving = null));
  }

  private async save(session: Session, frame: Frame): Promise<void> {
    try {
      const image = await encodeImage(frame.image, 'png', 1);
      const inputs = session.inputsSaved ? null : await session.inputs;
      if (!inputs && !session.inputsSaved) return;
      const { runId, settings } = session;
      await this.host.checkpointSave({ runId, settings, iteration: frame.iteration, scaleIndex: frame.scaleIndex, image, ...(inputs ? { inputs } : {}) });
      session.inputsSaved = true;
      session.owns = true;
      this.savedAny = true;
      this.savedFrame = frame.image;
    } catch (e) {
      if (session.reported) return;
      session.reported = true;
      this.source.failed(`This run cannot be kept for resuming after a crash. ${userMessage(e, 'saving the run')}`);
    }
  }
}
