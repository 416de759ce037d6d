import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseLogLine } from '../../app/host/logLine.js';
import { INVOKE_CHANNELS, type InvokeMethod } from '../../main/electron/ipc/channels.js';
import { electron, FakeBrowserWindow, FakeWebContents } from './fakeElectron.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

/** main.ts as Electron runs it, with the fake Electron: what lands in user data/logs/pastiche.log. */

let root: string;
const argv = process.argv;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pastiche-main-log-'));
  await mkdir(path.join(root, 'app', 'dist', 'web'), { recursive: true });
  await writeFile(path.join(root, 'app', 'dist', 'web', 'index.html'), '<!doctype html>');
  electron.app.getPath.mockImplementation(() => path.join(root, 'userData'));
  electron.app.getAppPath.mockReturnValue(path.join(root, 'app'));
  process.argv = ['/opt/Pastiche/pastiche'];
  const created = new Promise<FakeBrowserWindow>((resolve) => (FakeBrowserWindow.onCreate = resolve));
  await import('../../main/electron/main.js');
  electron.app.becomeReady();
  await created;
});

afterAll(async () => {
  process.argv = argv;
  await rm(root, { recursive: true, force: true });
});

async function logged(): Promise<string[]> {
  const text = await readFile(path.join(root, 'userData', 'logs', 'pastiche.log'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const entry = parseLogLine(line)!;
      return `${entry.level} ${entry.source} ${entry.message}`;
    });
}

function invoke(method: InvokeMethod, ...args: unknown[]): Promise<unknown> {
  const handler = electron.ipcMain.handle.mock.calls.find(([channel]) => channel === INVOKE_CHANNELS[method])![1] as (e: IpcMainInvokeEvent, ...a: unknown[]) => Promise<unknown>;
  const event = { sender: new FakeWebContents(), senderFrame: { url: 'app://pastiche/index.html', parent: null } } as unknown as IpcMainInvokeEvent;
  return handler(event, ...args);
}

describe('the main process log', () => {
  it('starts with the version, platform, runtimes and GPU features', async () => {
    const [first, second] = await logged();
    expect(first).toMatch(new RegExp(`^info main Pastiche 1\\.2\\.3 starting on ${process.platform} ${process.arch} \\(Electron .*, Chromium .*, Node ${process.versions.node}\\)$`));
    expect(second).toBe('info main GPU features: webgl enabled, webgl2 enabled, gpu_compositing disabled_software');
  });

  it('notes a crashed studio page and GPU process, and uncaught errors', async () => {
    electron.app.emit('render-process-gone', {}, new FakeWebContents(), { reason: 'oom', exitCode: 9 });
    electron.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 139 });
    electron.app.emit('child-process-gone', {}, { type: 'Utility', reason: 'clean-exit', exitCode: 0 });
    // What Node does just before an uncaught exception ends the process (emitted by hand: a real one would end the test).
    (process.emit as (event: string, ...args: unknown[]) => boolean)('uncaughtExceptionMonitor', new Error('kaboom'), 'uncaughtException');
    const lines = (await logged()).slice(2);
    expect(lines.slice(0, 2)).toEqual(['error main The studio page (app://pastiche/index.html) ended: oom, exit code 9', 'error main The GPU process ended: crashed, exit code 139']);
    expect(lines[2]).toMatch(/^error main Uncaught exception: Error: kaboom\n\s+at /);
    expect(lines).toHaveLength(3);
  });

  it('answers log and readLogs on their channels, with the refusals of other requests in the log', async () => {
    expect(await invoke('log', 'warn', 'Shown to the user (error): “notes.txt” is not an image')).toEqual({ ok: true, value: undefined });
    expect(await invoke('openRecent', 'not-a-token')).toMatchObject({ ok: false });
    const reply = (await invoke('readLogs')) as { ok: true; value: string };
    const lines = reply.value.split('\n').filter(Boolean).map((l) => parseLogLine(l)!);
    expect(lines.at(-2)).toMatchObject({ level: 'warn', source: 'studio', message: 'Shown to the user (error): “notes.txt” is not an image' });
    expect(lines.at(-1)).toMatchObject({ level: 'warn', source: 'main', message: expect.stringMatching(/^Host request openRecent failed: openRecent: invalid request \(argument 1: /) });
  });
});
