import type { WebContents } from 'electron';
import type { HostCommand } from '../../app/host/contract.js';
import { EVENT_CHANNELS } from './ipc/channels.js';

/**
 * Delivers HostCommands to the studio. Commands wait in a queue until the page has subscribed (a file given
 * on the command line arrives before the studio has loaded), and again while it reloads.
 */
export class HostCommands {
  #target: WebContents | null = null;
  #ready = false;
  readonly #queue: HostCommand[] = [];

  /** Sends to `contents` from now on; it counts as not listening until it says so (see listening()). */
  attach(contents: WebContents): void {
    this.#target = contents;
    this.#ready = false;
    contents.on('did-start-loading', () => {
      if (this.#target === contents) this.#ready = false;
    });
    contents.once('destroyed', () => {
      if (this.#target === contents) this.#target = null;
    });
  }

  /** The studio in `contents` subscribed to commands: send what waited. */
  listening(contents: WebContents): void {
    if (contents !== this.#target) return;
    this.#ready = true;
    for (const command of this.#queue.splice(0)) contents.send(EVENT_CHANNELS.command, command);
  }

  send(command: HostCommand): void {
    if (this.#ready && this.#target && !this.#target.isDestroyed()) this.#target.send(EVENT_CHANNELS.command, command);
    else this.#queue.push(command);
  }

  get pending(): number {
    return this.#queue.length;
  }
}
