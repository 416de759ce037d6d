import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LogLevel } from '../../../app/host/contract.js';
import { formatLogLine, tailLines, type LogSource } from '../../../app/host/logLine.js';
import { redactHome } from './redactHome.js';

export const LOG_FILE_NAME = 'pastiche.log';
export const PREVIOUS_LOG_FILE_NAME = 'pastiche.1.log';
/** The log starts afresh (the old one kept as pastiche.1.log) once it would pass this size. */
export const ROTATE_BYTES = 1024 * 1024;
/** How much of the log readLogs hands to the studio. */
export const READ_CHARS = 200 * 1024;

export interface LogFileOptions {
  rotateBytes?: number;
  /** Written as "~" in every message. */
  home?: string;
  now?: () => Date;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The log for bug reports: one line per entry in `<dir>/pastiche.log`, appended synchronously so that the
 * lines before a crash are on disk. Writing never throws: when the disk refuses, the log carries on in memory
 * (as much as read() returns) and read() says so.
 */
export class LogFile {
  readonly file: string;
  readonly previousFile: string;
  readonly #rotateBytes: number;
  readonly #home: string;
  readonly #now: () => Date;
  /** Bytes in the current file; null until the first write looks. */
  #size: number | null = null;
  #problem: string | null = null;
  #memory = '';

  constructor(readonly dir: string, options: LogFileOptions = {}) {
    this.file = path.join(dir, LOG_FILE_NAME);
    this.previousFile = path.join(dir, PREVIOUS_LOG_FILE_NAME);
    this.#rotateBytes = options.rotateBytes ?? ROTATE_BYTES;
    this.#home = options.home ?? os.homedir();
    this.#now = options.now ?? (() => new Date());
  }

  /** Why the file could not be written (the log is in memory since then); null while it can. */
  get problem(): string | null {
    return this.#problem;
  }

  write(level: LogLevel, source: LogSource, message: string): void {
    const line = `${formatLogLine({ time: this.#now().toISOString(), level, source, message: redactHome(message, this.#home) })}\n`;
    if (this.#problem === null) {
      try {
        return this.#append(line);
      } catch (e) {
        this.#problem = redactHome(errorText(e), this.#home);
      }
    }
    this.#memory = tailLines(this.#memory + line, READ_CHARS);
  }

  info(message: string): void {
    this.write('info', 'main', message);
  }

  warn(message: string): void {
    this.write('warn', 'main', message);
  }

  error(message: string): void {
    this.write('error', 'main', message);
  }

  /** The end of the log: the previous file, the current one, and what only memory holds, at most `maxChars`. */
  async read(maxChars = READ_CHARS): Promise<string> {
    const [previous, current] = await Promise.all([this.previousFile, this.file].map((f) => readFile(f, 'utf8').catch(() => '')));
    const note = this.#problem === null ? '' : `(The log file ${redactHome(this.file, this.#home)} cannot be written: ${this.#problem}. The lines since are kept in memory only.)\n`;
    return tailLines(`${previous}${current}${note}${this.#memory}`, maxChars);
  }

  #append(line: string): void {
    const bytes = Buffer.byteLength(line);
    this.#size ??= this.#currentSize();
    if (this.#size > 0 && this.#size + bytes > this.#rotateBytes) {
      renameSync(this.file, this.previousFile);
      this.#size = 0;
    }
    appendFileSync(this.file, line);
    this.#size += bytes;
  }

  #currentSize(): number {
    mkdirSync(this.dir, { recursive: true });
    try {
      return statSync(this.file).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
  }
}
