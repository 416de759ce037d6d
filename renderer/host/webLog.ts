import type { LogLevel } from '../../app/host/contract.js';
import { capLogMessage, formatLogLine, tailLines } from '../../app/host/logLine.js';
import type { KeyValueStore } from './keyValueStore.js';

/** How much log the browser keeps (older lines go first). */
export const WEB_LOG_CHARS = 200 * 1024;
const LOG_KEY = 'log';

/**
 * The log of the web host: the same lines as the desktop log file, kept in memory and in IndexedDB so that
 * they survive a reload. Storage failures never reach the caller; the lines stay in memory for the session.
 */
export class WebLog {
  #text = '';
  readonly #loaded: Promise<void>;
  #saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Promise<KeyValueStore>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#loaded = store
      .then((s) => s.get<unknown>(LOG_KEY))
      .then((saved) => void (typeof saved === 'string' && (this.#text = saved)))
      .catch(() => undefined);
  }

  async write(level: LogLevel, message: string): Promise<void> {
    const line = formatLogLine({ time: this.now().toISOString(), level, source: 'studio', message: capLogMessage(message) });
    await this.#loaded;
    this.#text = tailLines(`${this.#text}${line}\n`, WEB_LOG_CHARS);
    const text = this.#text;
    this.#saving = this.#saving.then(() => this.store.then((s) => s.set(LOG_KEY, text))).catch(() => undefined);
    await this.#saving;
  }

  async read(): Promise<string> {
    await this.#loaded;
    return this.#text;
  }
}
