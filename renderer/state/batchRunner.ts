import type { FolderFile, FolderWriteResult } from '../../app/host/contract.js';
import { batchResultNames } from './batchNames.js';
import type { BatchItem, BatchStatus } from './batchItem.js';
import { recordMatches, setupKey, type BatchSetup } from './batchSetup.js';

/** A painted photo, encoded with its run record; or nothing, when the run was stopped (skip or cancel). */
export type PaintOutcome = { kind: 'painted'; bytes: Uint8Array } | { kind: 'stopped' };

/** What the runner needs from the studio and the host. Errors thrown by paint are this photo's failure. */
export interface BatchPorts {
  /** Decodes the photo, paints it with the setup and encodes the result under `resultName`. */
  paint(itemId: number, setup: BatchSetup, resultName: string): Promise<PaintOutcome>;
  /** Pause, resume or stop the photo being painted. */
  pause(): void;
  resume(): void;
  stop(): void;
  /** What the output is: a folder (checked for results already there) or downloads (nothing to check). */
  existing(name: string): Promise<FolderFile>;
  save(name: string, bytes: Uint8Array): Promise<FolderWriteResult>;
  /** Something changed: items, running or paused. */
  changed(): void;
}

/** A failure that ends the whole batch (the output cannot be written, the engine is gone): every later photo would meet it too. */
export class BatchStopped extends Error {
  override readonly name = 'BatchStopped';
}

const ACTIONABLE: readonly BatchStatus[] = ['waiting', 'cancelled', 'failed', 'skipped', 'done'];

/**
 * The batch queue's logic, apart from Svelte and the engine: photos in order, one at a time; a failing photo
 * is reported and the rest continue; pause, skip (the current photo, not kept) and cancel (nothing more is
 * kept; finished results stay). Starting again skips photos already done with the same setup.
 */
export class BatchRunner {
  items: BatchItem[] = [];
  running = false;
  paused = false;
  /** Why the last batch ended early, for the user; null when it ran to the end. */
  ended: string | null = null;
  private nextId = 1;
  private request: 'skip' | 'cancel' | null = null;
  private resumeGate: (() => void) | null = null;

  constructor(private readonly ports: BatchPorts) {}

  add(names: readonly string[]): BatchItem[] {
    const added = names.map((name) => ({ id: this.nextId++, name, status: 'waiting' as const, detail: '', doneWith: null }));
    this.items = [...this.items, ...added];
    this.ports.changed();
    return added;
  }

  remove(id: number): void {
    if (this.running && this.items.find((i) => i.id === id)?.status === 'painting') return;
    this.items = this.items.filter((i) => i.id !== id);
    this.ports.changed();
  }

  /** Paints every photo in order; resolves when the batch ends (finished, cancelled, or stopped by a failure of the output). */
  async run(setup: BatchSetup): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.paused = false;
    this.request = null;
    this.ended = null;
    const key = setupKey(setup);
    for (const item of this.items) if (ACTIONABLE.includes(item.status) && item.doneWith !== key) this.set(item, 'waiting', '');
    this.ports.changed();
    try {
      for (const item of [...this.items]) {
        await this.whileAnyPaused();
        if (this.request === 'cancel') break;
        if (!this.items.includes(item)) continue;
        await this.process(item, setup, key);
        if (this.request === 'cancel') break;
      }
    } catch (e) {
      if (!(e instanceof BatchStopped)) throw e;
      this.ended = e.message;
    } finally {
      this.running = false;
      this.paused = false;
      this.request = null;
      this.ports.changed();
    }
  }

  pause(): void {
    if (!this.running || this.paused) return;
    this.paused = true;
    this.ports.pause();
    this.ports.changed();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.ports.resume();
    this.resumeGate?.();
    this.resumeGate = null;
    this.ports.changed();
  }

  /** Stops the photo being painted without keeping it; the batch goes on with the next. */
  skip(): void {
    if (!this.running || !this.items.some((i) => i.status === 'painting')) return;
    this.request = 'skip';
    this.ports.stop();
    this.resumeGate?.();
  }

  /** Stops the batch: the photo being painted is not kept, the finished results stay. */
  cancel(): void {
    if (!this.running) return;
    this.request = 'cancel';
    this.ports.stop();
    this.paused = false;
    this.resumeGate?.();
    this.resumeGate = null;
    this.ports.changed();
  }

  private async process(item: BatchItem, setup: BatchSetup, key: string): Promise<void> {
    if (item.doneWith === key) return this.set(item, 'skipped', 'Already done with these settings.');
    const name = this.resultName(item, setup);
    const there = await this.ports.existing(name).catch((e: unknown) => {
      throw new BatchStopped(`The output folder cannot be read: ${message(e)}`);
    });
    if (there.exists) {
      if (there.record && recordMatches(there.record, setup.settings, { content: item.name, styles: setup.styleNames })) {
        item.doneWith = key;
        return this.set(item, 'skipped', `Already done: “${name}” is in the folder.`);
      }
      return this.set(item, 'failed', `“${name}” is already in the folder and was made otherwise (or not by Pastiche); it was left alone.`);
    }
    // Paused or cancelled while the folder was checked: the photo has not started.
    await this.whileAnyPaused();
    if (this.request === 'cancel') return;
    this.set(item, 'painting', '');
    let outcome: PaintOutcome;
    try {
      outcome = await this.ports.paint(item.id, setup, name);
    } catch (e) {
      if (e instanceof BatchStopped) {
        this.set(item, 'failed', e.message);
        throw e;
      }
      return this.set(item, 'failed', message(e));
    }
    if (outcome.kind === 'stopped' || this.request !== null) return this.interrupted(item);
    await this.keep(item, name, outcome.bytes, key);
  }

  /** The user skipped or cancelled this photo: its picture is not kept. */
  private interrupted(item: BatchItem): void {
    const cancelled = this.request === 'cancel';
    if (!cancelled) this.request = null;
    this.set(item, cancelled ? 'cancelled' : 'skipped', cancelled ? 'Cancelled; nothing was kept.' : 'Skipped by you; nothing was kept.');
  }

  private async keep(item: BatchItem, name: string, bytes: Uint8Array, key: string): Promise<void> {
    let saved: FolderWriteResult;
    try {
      saved = await this.ports.save(name, bytes);
    } catch (e) {
      this.set(item, 'failed', `The result could not be saved: ${message(e)}`);
      throw new BatchStopped(`The batch stopped because a result could not be saved: ${message(e)}`);
    }
    if (!saved.saved) return this.set(item, 'failed', `“${name}” appeared in the folder while this photo was painted; it was left alone.`);
    item.doneWith = key;
    this.set(item, 'done', `Saved as “${saved.displayPath}”.`);
  }

  private resultName(item: BatchItem, setup: BatchSetup): string {
    const names = batchResultNames(this.items.map((i) => i.name), setup.styleNames, setup.format);
    return names[this.items.indexOf(item)]!;
  }

  private async whileAnyPaused(): Promise<void> {
    while (this.paused && this.request !== 'cancel') await new Promise<void>((resolve) => (this.resumeGate = resolve));
  }

  private set(item: BatchItem, status: BatchStatus, detail: string): void {
    item.status = status;
    item.detail = detail;
    this.ports.changed();
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
