import type { LogLevel } from './contract.js';

/** Who wrote a log line: the main process (Electron) or the studio (the page, in either host). */
export type LogSource = 'main' | 'studio';

export interface LogEntry {
  /** ISO 8601 time. */
  time: string;
  level: LogLevel;
  source: LogSource;
  message: string;
}

/** The longest message the studio may log in one line (longer ones are cut, with a marker). */
export const MAX_LOG_MESSAGE = 4000;

const LEVEL_TAG: Record<LogLevel, string> = { info: 'INFO ', warn: 'WARN ', error: 'ERROR' };

/** Backslashes and line breaks written as escapes, so that every entry is exactly one line. */
function escape(message: string): string {
  return message.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

function unescape(text: string): string {
  return text.replace(/\\(\\|n|r)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));
}

/** `2026-01-02T03:04:05.678Z ERROR [studio] message` (no trailing newline). */
export function formatLogLine(entry: LogEntry): string {
  return `${entry.time} ${LEVEL_TAG[entry.level]} [${entry.source}] ${escape(entry.message)}`;
}

const LINE = /^(\S+) (INFO |WARN |ERROR) \[(main|studio)\] (.*)$/;

/** The entry a line written by formatLogLine holds; null for anything else. */
export function parseLogLine(line: string): LogEntry | null {
  const match = LINE.exec(line);
  if (!match) return null;
  const [, time, tag, source, message] = match;
  return { time: time!, level: tag!.trim().toLowerCase() as LogLevel, source: source as LogSource, message: unescape(message!) };
}

/** A message cut to MAX_LOG_MESSAGE characters. */
export function capLogMessage(message: string): string {
  return message.length <= MAX_LOG_MESSAGE ? message : `${message.slice(0, MAX_LOG_MESSAGE - 1)}…`;
}

/** The last `maxChars` characters of a log, starting at a whole line (a cut line is dropped). */
export function tailLines(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(text.length - maxChars);
  const firstBreak = cut.indexOf('\n');
  return firstBreak === -1 ? '' : cut.slice(firstBreak + 1);
}
