import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HostCommand } from '../../app/host/contract.js';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../main/electron/ipc/channels.js';
import { picturePng } from '../fixtures/testImages.js';
import { electron, FakeBrowserWindow, FakeWebContents } from './fakeElectron.js';
import { expectEveryPermissionDenied, expectNetworkCancelled, type SessionHandlers } from './sessionDenials.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

/**
 * main.ts as Electron runs it: the module loads, the app becomes ready, a window opens, files arrive from the
 * command line and a second instance, and quitting writes the window state. Electron itself is the fake.
 */

let root: string;
let photo: string;
let style: string;
let window: FakeBrowserWindow;
const argv = process.argv;
const calledBeforeReady: Record<string, unknown> = {};

function listening(contents: FakeWebContents): void {
  const onReady = electron.ipcMain.on.mock.calls.find(([channel]) => channel === EVENT_CHANNELS.commandsReady)![1] as (e: IpcMainEvent) => void;
  onReady({ sender: contents, senderFrame: { url: 'app://pastiche/index.html', parent: null } } as unknown as IpcMainEvent);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'pastiche-main-'));
  photo = path.join(root, 'photo.png');
  style = path.join(root, 'style.png');
  await writeFile(photo, await picturePng(6, 4));
  await writeFile(style, await picturePng(3, 3));
  await mkdir(path.join(root, 'app', 'dist', 'web'), { recursive: true });
  await writeFile(path.join(root, 'app', 'dist', 'web', 'index.html'), '<!doctype html>');
  electron.app.getPath.mockImplementation(() => path.join(root, 'userData'));
  electron.app.getAppPath.mockReturnValue(path.join(root, 'app'));
  process.argv = ['/opt/Pastiche/pastiche', photo];

  const created = new Promise<FakeBrowserWindow>((resolve) => (FakeBrowserWindow.onCreate = resolve));
  await import('../../main/electron/main.js');
  calledBeforeReady.sandbox = electron.app.enableSandbox.mock.calls.length;
  calledBeforeReady.scheme = electron.protocol.registerSchemesAsPrivileged.mock.calls.length;
  calledBeforeReady.lock = electron.app.requestSingleInstanceLock.mock.calls[0]?.[0];
  calledBeforeReady.windows = FakeBrowserWindow.created.length;
  electron.app.becomeReady();
  window = await created;
});

afterAll(async () => {
  process.argv = argv;
  await rm(root, { recursive: true, force: true });
});

describe('main process', () => {
  it('enables the sandbox, registers app:// and takes the single-instance lock before the app is ready', () => {
    expect(calledBeforeReady).toEqual({ sandbox: 1, scheme: 1, lock: { files: [photo] }, windows: 0 });
  });

  it('once ready, hardens the session, serves app://, answers every Host request and opens the studio', () => {
    // Installed once each (no later handler replaces them), and they deny what windowSecurity.test.ts says.
    const session = electron.session.defaultSession;
    for (const install of [session.setPermissionRequestHandler, session.setPermissionCheckHandler, session.webRequest.onBeforeRequest]) {
      expect(install).toHaveBeenCalledTimes(1);
    }
    const installed: SessionHandlers = {
      request: session.setPermissionRequestHandler.mock.calls[0]![0],
      check: session.setPermissionCheckHandler.mock.calls[0]![0],
      filter: session.webRequest.onBeforeRequest.mock.calls[0]![0],
      beforeRequest: session.webRequest.onBeforeRequest.mock.calls[0]![1],
    };
    expectEveryPermissionDenied(installed);
    expectNetworkCancelled(installed);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const channels = electron.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(channels.sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    expect((window.options.webPreferences as { preload: string }).preload).toBe(path.join(root, 'app', 'dist', 'preload', 'preload.cjs'));
    expect(window.loadURL).toHaveBeenCalledWith('app://pastiche/index.html');
  });

  it('hardens every web contents created', () => {
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const navigation = { url: 'https://example.com/', preventDefault: vi.fn() };
    contents.emit('will-navigate', navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
  });

  it('answers the studio through the registered handlers', async () => {
    const handler = electron.ipcMain.handle.mock.calls.find(([channel]) => channel === INVOKE_CHANNELS.info)![1] as (e: IpcMainInvokeEvent) => Promise<unknown>;
    const event = { sender: window.webContents, senderFrame: { url: 'app://pastiche/index.html', parent: null } } as unknown as IpcMainInvokeEvent;
    expect(await handler(event)).toEqual({ ok: true, value: { kind: 'electron', appVersion: '1.2.3', platform: process.platform } });
  });

  it('hands the image from the command line to the studio once it listens', async () => {
    listening(window.webContents);
    const command = (await window.webContents.nextSent(EVENT_CHANNELS.command)) as Extract<HostCommand, { type: 'open-file' }>;
    expect(command).toMatchObject({ type: 'open-file', role: 'content', file: { name: 'photo.png' } });
    expect(new Uint8Array(command.file.bytes)).toEqual(new Uint8Array(await readFile(photo)));
  });

  it('focuses the window and opens the files of a second instance', async () => {
    window.webContents.sent.length = 0;
    electron.app.emit('second-instance', {}, [], root, { files: [style] });
    expect(window.focus).toHaveBeenCalled();
    const command = (await window.webContents.nextSent(EVENT_CHANNELS.command)) as Extract<HostCommand, { type: 'open-file' }>;
    expect(command).toMatchObject({ type: 'open-file', file: { name: 'style.png' } });
  });

  it('writes the window state before quitting', async () => {
    window.emit('close');
    const quitting = new Promise<void>((resolve) => electron.app.quit.mockImplementationOnce(() => resolve()));
    const event = { preventDefault: vi.fn() };
    electron.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await quitting;
    const settings = JSON.parse(await readFile(path.join(root, 'userData', 'settings.json'), 'utf8'));
    expect(settings.window).toEqual({ x: 40, y: 30, width: 1100, height: 760, maximized: false });
    const recent = JSON.parse(await readFile(path.join(root, 'userData', 'recent-files.json'), 'utf8'));
    expect(recent.files.map((f: { path: string }) => f.path)).toEqual([style, photo]);
  });
});
