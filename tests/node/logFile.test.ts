import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLogLine, parseLogLine, tailLines, type LogEntry } from '../../app/host/logLine.js';
import { LogFile } from '../../main/node/log/logFile.js';
import { redactHome } from '../../main/node/log/redactHome.js';
import { listFolder, useTempFolders } from '../fixtures/tempFolder.js';

const tempFolder = useTempFolders('pastiche-log-');

/** A clock that ticks one second per call, from a fixed time. */
function clock(start = Date.UTC(2026, 0, 2, 3, 4, 5)): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

const linesOf = (text: string) => text.split('\n').filter((l) => l !== '');

describe('log lines', () => {
  it('are one line each, with escapes that parse back to the message', () => {
    const entry: LogEntry = { time: '2026-01-02T03:04:05.000Z', level: 'error', source: 'studio', message: 'two\nlines\r\nand a \\n that was typed' };
    const line = formatLogLine(entry);
    expect(line).toBe('2026-01-02T03:04:05.000Z ERROR [studio] two\\nlines\\r\\nand a \\\\n that was typed');
    expect(line).not.toContain('\n');
    expect(parseLogLine(line)).toEqual(entry);
    expect(parseLogLine(formatLogLine({ ...entry, level: 'info', source: 'main', message: '' }))).toEqual({ ...entry, level: 'info', source: 'main', message: '' });
    expect(parseLogLine('not a log line')).toBeNull();
  });

  it('keep the end of a long log from a whole line', () => {
    expect(tailLines('aaa\nbbb\nccc\n', 12)).toBe('aaa\nbbb\nccc\n');
    expect(tailLines('aaa\nbbb\nccc\n', 6)).toBe('ccc\n');
    expect(tailLines('aaa\nbbb\nccc\n', 9)).toBe('bbb\nccc\n');
  });
});

describe('home folder redaction', () => {
  it('writes the home folder as ~ only where it is a whole folder name', () => {
    expect(redactHome('opened /home/al/Pictures/cat.png and /home/alice/x.png, in /home/al', '/home/al')).toBe('opened ~/Pictures/cat.png and /home/alice/x.png, in ~');
    expect(redactHome('C:\\Users\\Al\\Desktop\\a.png', 'C:\\Users\\Al\\')).toBe('~\\Desktop\\a.png');
    expect(redactHome('/a/b', '/')).toBe('/a/b');
  });
});

describe('LogFile', () => {
  it('appends parseable lines to logs/pastiche.log, creating the folder, and reads them back', async () => {
    const dir = path.join(await tempFolder(), 'logs');
    const log = new LogFile(dir, { now: clock(), home: '/home/al' });
    log.info('Pastiche 1.2.3 starting');
    log.write('warn', 'studio', 'Shown to the user (error): “notes.txt” is not an image\nsecond line');
    log.error('exportImage failed: /home/al/out.png is read-only');

    const text = await readFile(path.join(dir, 'pastiche.log'), 'utf8');
    expect(linesOf(text).map(parseLogLine)).toEqual([
      { time: '2026-01-02T03:04:06.000Z', level: 'info', source: 'main', message: 'Pastiche 1.2.3 starting' },
      { time: '2026-01-02T03:04:07.000Z', level: 'warn', source: 'studio', message: 'Shown to the user (error): “notes.txt” is not an image\nsecond line' },
      { time: '2026-01-02T03:04:08.000Z', level: 'error', source: 'main', message: 'exportImage failed: ~/out.png is read-only' },
    ]);
    expect(await log.read()).toBe(text);

    // A new session appends to the same file.
    new LogFile(dir, { now: clock() }).info('next session');
    expect(linesOf(await readFile(path.join(dir, 'pastiche.log'), 'utf8'))).toHaveLength(4);
  });

  it('redacts the real home folder by default', async () => {
    const log = new LogFile(await tempFolder());
    log.info(`opened ${path.join(os.homedir(), 'photo.png')}`);
    expect(parseLogLine(linesOf(await log.read())[0]!)?.message).toBe(`opened ~${path.sep}photo.png`);
  });

  it('starts a new file past the size limit and keeps one previous file', async () => {
    const dir = await tempFolder();
    const log = new LogFile(dir, { rotateBytes: 200, now: clock() });
    const line = (i: number) => `message ${String(i).padStart(3, '0')} ${'.'.repeat(20)}`;
    // Each line is 24 (time) + 7 (level) + 7 (source) + 32 (message) + 1 = 71 bytes: two fit in 200 bytes, a third does not.
    for (let i = 1; i <= 7; i++) log.info(line(i));

    expect(await listFolder(dir)).toEqual(['pastiche.1.log', 'pastiche.log']);
    const messages = async (file: string) => linesOf(await readFile(path.join(dir, file), 'utf8')).map((l) => parseLogLine(l)!.message);
    expect(await messages('pastiche.log')).toEqual([line(7)]);
    expect(await messages('pastiche.1.log')).toEqual([line(5), line(6)]);
    expect((await stat(path.join(dir, 'pastiche.1.log'))).size).toBe(142);
    expect(linesOf(await log.read()).map((l) => parseLogLine(l)!.message)).toEqual([line(5), line(6), line(7)]);
  });

  it('rotates a file a previous session left near the limit', async () => {
    const dir = await tempFolder();
    await writeFile(path.join(dir, 'pastiche.log'), `${'x'.repeat(190)}\n`);
    new LogFile(dir, { rotateBytes: 200 }).info('fresh');
    expect(await readFile(path.join(dir, 'pastiche.1.log'), 'utf8')).toBe(`${'x'.repeat(190)}\n`);
    expect(parseLogLine(linesOf(await readFile(path.join(dir, 'pastiche.log'), 'utf8'))[0]!)?.message).toBe('fresh');
  });

  it('returns only the end of a long log, from a whole line', async () => {
    const log = new LogFile(await tempFolder(), { now: clock() });
    for (let i = 0; i < 100; i++) log.info(`line ${i}`);
    const tail = await log.read(500);
    expect(tail.length).toBeLessThanOrEqual(500);
    const messages = linesOf(tail).map((l) => parseLogLine(l)!.message);
    expect(messages.at(-1)).toBe('line 99');
    expect(messages).toEqual(Array.from({ length: messages.length }, (_, k) => `line ${100 - messages.length + k}`));
  });

  it('keeps logging in memory when the disk refuses, without throwing, and says so', async () => {
    const parent = await tempFolder();
    const notAFolder = path.join(parent, 'logs');
    await writeFile(notAFolder, 'a file where the log folder should be');
    const log = new LogFile(notAFolder, { now: clock(), home: parent });

    expect(() => log.info('first')).not.toThrow();
    expect(() => log.error('second\nline')).not.toThrow();
    expect(log.problem).toMatch(/EEXIST|ENOTDIR/);
    expect(log.problem).not.toContain(parent);

    const lines = linesOf(await log.read());
    expect(lines[0]).toMatch(/^\(The log file ~[/\\]logs[/\\]pastiche\.log cannot be written: .+ The lines since are kept in memory only\.\)$/);
    expect(lines.slice(1).map((l) => parseLogLine(l)!.message)).toEqual(['first', 'second\nline']);
    expect(await readFile(notAFolder, 'utf8')).toBe('a file where the log folder should be');
  });

  it('falls back to memory when the file stops being writable mid-session', async () => {
    const dir = await tempFolder();
    const log = new LogFile(dir, { now: clock() });
    log.info('on disk');
    // Another program replaces the log with a folder: appending now fails with EISDIR.
    await rm(path.join(dir, 'pastiche.log'));
    await mkdir(path.join(dir, 'pastiche.log'));
    expect(() => log.info('in memory')).not.toThrow();
    expect(log.problem).toMatch(/EISDIR/);
    expect(linesOf(await log.read()).map((l) => parseLogLine(l)?.message ?? l)).toEqual([expect.stringMatching(/^\(The log file .* cannot be written/), 'in memory']);
  });
});
