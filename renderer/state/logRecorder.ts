import type { Host, LogLevel } from '../../app/host/contract.js';
import { capLogMessage } from '../../app/host/logLine.js';
import { uncaughtError, unhandledRejection } from './logMessages.js';

/**
 * The studio's side of the log for bug reports: lines go to the host (the desktop log file, or the
 * browser's storage); a line the host refuses is only reported on the console, never to the user.
 */
export class LogRecorder {
  constructor(private readonly host: Pick<Host, 'log' | 'readLogs' | 'copyText'>) {}

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  error(message: string): void {
    this.write('error', message);
  }

  /** The end of the log, as the host keeps it. */
  read(): Promise<string> {
    return this.host.readLogs();
  }

  /** Puts `text` on the clipboard through the host (Electron's clipboard; the browser's in the web studio). */
  copy(text: string): Promise<void> {
    return this.host.copyText(text);
  }

  /** Logs the page's uncaught errors and unhandled rejections; returns the clean-up. */
  watchPage(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
    const onError = (e: ErrorEvent) => this.error(uncaughtError(e));
    const onRejection = (e: PromiseRejectionEvent) => this.error(unhandledRejection(e.reason));
    target.addEventListener('error', onError);
    target.addEventListener('unhandledrejection', onRejection);
    return () => {
      target.removeEventListener('error', onError);
      target.removeEventListener('unhandledrejection', onRejection);
    };
  }

  write(level: LogLevel, message: string): void {
    void this.host.log(level, capLogMessage(message)).catch((e: unknown) => console.warn('pastiche: a log line was refused', e));
  }
}
