import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseLogLine, type LogEntry } from '../../app/host/logLine.js';
import { menuTemplate } from '../../main/electron/menu.js';
import { useTempFolders } from '../fixtures/tempFolder.js';
import { call, makeContext, messageOf, studioEvent, valueOf, type TestContext } from './testContext.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const tempFolder = useTempFolders('pastiche-logs-');

let t: TestContext;

beforeEach(async () => {
  t = await makeContext(await tempFolder());
});

const entries = (text: string): LogEntry[] => text.split('\n').filter(Boolean).map((line) => parseLogLine(line)!);
const readLogs = async () => valueOf<string>(await call(t.ctx, 'readLogs', []));

describe('the log and readLogs handlers', () => {
  it('write the studio’s lines to user data/logs/pastiche.log and read them back', async () => {
    expect(valueOf(await call(t.ctx, 'log', ['info', 'Run started (render): photo 256 × 192 px']))).toBeUndefined();
    expect(valueOf(await call(t.ctx, 'log', ['error', `Run failed: could not read ${path.join(os.homedir(), 'Pictures', 'cat.png')}\nDetails: …`]))).toBeUndefined();

    const onDisk = await readFile(path.join(t.userData, 'logs', 'pastiche.log'), 'utf8');
    expect(onDisk.split('\n')).toHaveLength(3);
    expect(entries(onDisk).map(({ level, source, message }) => ({ level, source, message }))).toEqual([
      { level: 'info', source: 'studio', message: 'Run started (render): photo 256 × 192 px' },
      { level: 'error', source: 'studio', message: `Run failed: could not read ~${path.sep}Pictures${path.sep}cat.png\nDetails: …` },
    ]);
    expect(await readLogs()).toBe(onDisk);
  });

  it('refuse a bad line without writing it, and log the refusal without the payload', async () => {
    const long = 'secret'.repeat(1000);
    expect(messageOf(await call(t.ctx, 'log', ['info', long]))).toMatch(/^log: invalid request \(argument 2: .*4000/);
    expect(messageOf(await call(t.ctx, 'log', ['debug', 'a line']))).toMatch(/^log: invalid request \(argument 1: /);
    const logged = entries(await readLogs());
    expect(logged.map((e) => [e.level, e.source])).toEqual([
      ['warn', 'main'],
      ['warn', 'main'],
    ]);
    expect(logged[0]!.message).toMatch(/^Host request log failed: log: invalid request \(argument 2: /);
    expect(logged.map((e) => e.message).join('\n')).not.toContain('secret');
    expect(logged.map((e) => e.message).join('\n')).not.toContain('a line');
  });

  it('refuse a page that is not the studio', async () => {
    const stranger = studioEvent('https://evil.example/index.html');
    expect(messageOf(await call(t.ctx, 'log', ['error', 'forged line'], stranger))).toMatch(/refused/);
    expect(messageOf(await call(t.ctx, 'readLogs', [], stranger))).toMatch(/refused/);
    expect(await readLogs()).not.toContain('forged line');
  });

  it('log every refused request of the other handlers with its message', async () => {
    expect(messageOf(await call(t.ctx, 'revealInFolder', ['00000000-0000-4000-8000-000000000000']))).toBe('this file is no longer available; open it again');
    const [line] = entries(await readLogs());
    expect(line).toMatchObject({ level: 'warn', source: 'main', message: 'Host request revealInFolder failed: this file is no longer available; open it again' });
  });
});

describe('Help ▸ Show Logs', () => {
  it('has a shortcut and sends show-logs to the studio', () => {
    const command = vi.fn();
    const template = menuTemplate({ platform: 'linux', isDev: false, recent: [], actions: { command, openRecent: vi.fn(), clearRecent: vi.fn(), modelCard: vi.fn() } });
    const help = template.at(-1)!.submenu as MenuItemConstructorOptions[];
    const item = help.find((i) => i.label === 'Show Logs')!;
    expect(item.accelerator).toBe('CmdOrCtrl+Shift+L');
    (item.click as () => void)();
    expect(command).toHaveBeenCalledExactlyOnceWith({ type: 'show-logs' });
  });
});
