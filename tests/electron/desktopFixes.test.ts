import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../app/host/contract.js';
import { APP_ENTRY_URL } from '../../main/electron/appOrigin.js';
import { argumentPath, fileArguments } from '../../main/electron/commandLine.js';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/contentSecurity.js';
import { MAX_EXPORT_BYTES } from '../../main/electron/ipc/exportImage.js';
import { MAX_IPC_IMAGE_BYTES, tooLargeToSend } from '../../main/electron/ipc/ipcLimits.js';
import { StudioWindow } from '../../main/electron/studioWindow.js';
import { numberedName } from '../../main/node/outputFolder/writeUniqueFile.js';
import { listFolder, useTempFolders } from '../fixtures/tempFolder.js';
import { picturePng } from '../fixtures/testImages.js';
import { electron, type FakeBrowserWindow } from './fakeElectron.js';
import { call, makeContext, messageOf, valueOf } from './testContext.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const ROOT = path.resolve(import.meta.dirname, '../..');
const tempFolder = useTempFolders('pastiche-desktop-');

beforeEach(() => {
  vi.clearAllMocks();
});

describe('batch results without a chosen folder', () => {
  it('are written by main into Downloads, atomically, under the first free name', async () => {
    const t = await makeContext(await tempFolder());
    const downloads = path.join(await tempFolder(), 'Downloads');
    electron.app.getPath.mockImplementation((name: string) => (name === 'downloads' ? downloads : t.userData));
    const first = await picturePng(4, 3);
    const second = await picturePng(5, 3);

    expect(valueOf(await call(t.ctx, 'saveToDownloads', ['photo-starry.png', first]))).toEqual({ saved: true, displayPath: path.join(downloads, 'photo-starry.png') });
    expect(valueOf(await call(t.ctx, 'saveToDownloads', ['photo-starry.png', second]))).toEqual({ saved: true, displayPath: path.join(downloads, 'photo-starry (2).png') });
    expect(await listFolder(downloads)).toEqual(['photo-starry (2).png', 'photo-starry.png']);
    expect(new Uint8Array(await readFile(path.join(downloads, 'photo-starry.png')))).toEqual(new Uint8Array(first));
    expect(new Uint8Array(await readFile(path.join(downloads, 'photo-starry (2).png')))).toEqual(new Uint8Array(second));
    expect(electron.dialog.showSaveDialog).not.toHaveBeenCalled();

    expect(messageOf(await call(t.ctx, 'saveToDownloads', ['notes.png', new TextEncoder().encode('not a picture')]))).toBe(
      '“notes.png” is not PNG, JPEG or WebP data; nothing was saved.',
    );
    expect(await listFolder(downloads)).toHaveLength(2);
    electron.app.getPath.mockReset();
  });

  it('are numbered as browsers number repeated downloads', () => {
    expect(numberedName('photo-starry.png', 1)).toBe('photo-starry.png');
    expect(numberedName('photo-starry.png', 2)).toBe('photo-starry (2).png');
    expect(numberedName('a.b.webp', 12)).toBe('a.b (12).webp');
  });
});

describe('the Logs panel’s Copy', () => {
  it('goes through Electron’s clipboard in main, needing no renderer permission', async () => {
    const t = await makeContext(await tempFolder());
    valueOf(await call(t.ctx, 'copyText', ['[main] Pastiche 1.2.3 starting']));
    expect(electron.clipboard.writeText).toHaveBeenCalledWith('[main] Pastiche 1.2.3 starting');
  });
});

describe('pictures too large for one IPC message', () => {
  it('are capped at what Chromium carries in one message (128 MiB), for export and batch writes alike', () => {
    expect(MAX_IPC_IMAGE_BYTES).toBeLessThan(128 * 1024 * 1024);
    expect(MAX_EXPORT_BYTES).toBe(MAX_IPC_IMAGE_BYTES);
    expect(tooLargeToSend(MAX_IPC_IMAGE_BYTES)).toBeNull();
    expect(tooLargeToSend(200e6)).toBe(
      'This picture is 200 MB once encoded, more than the 120 MB the desktop app can save in one piece; nothing was saved. Export it as JPEG or WebP, or at a smaller size.',
    );
  });

  it('are refused by the preload with that sentence, before anything is sent', async () => {
    await import('../../main/electron/preload.js');
    const host = electron.contextBridge.exposeInMainWorld.mock.calls.at(-1)![1] as Host;
    const big = new Uint8Array(150_000_000);
    electron.ipcRenderer.invoke.mockClear();
    await expect(host.exportImage({ suggestedName: 'big.png', format: 'png', bytes: big })).rejects.toThrow(/^This picture is 150 MB once encoded, more than the 120 MB the desktop app can save in one piece/);
    await expect(host.writeToFolder('token', 'big.png', big)).rejects.toThrow(/nothing was saved/);
    await expect(host.saveToDownloads('big.png', big)).rejects.toThrow(/nothing was saved/);
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});

describe('a crashed studio page', () => {
  async function crashedWindow(response: number, reason = 'crashed') {
    const t = await makeContext(await tempFolder());
    const window = new StudioWindow('/preload.cjs').show(t.ctx) as unknown as FakeBrowserWindow;
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response, checkboxChecked: false });
    window.webContents.emit('render-process-gone', {}, { reason, exitCode: 139 });
    await vi.waitFor(() => expect(window.loadURL.mock.calls.length + window.close.mock.calls.length).toBeGreaterThan(1));
    return { window, t };
  }

  it('offers to reload the studio, which then offers the unfinished run', async () => {
    const { window, t } = await crashedWindow(0);
    const [parent, options] = electron.dialog.showMessageBox.mock.calls[0] as [unknown, { message: string; detail: string; buttons: string[] }];
    expect(parent).toBe(window);
    expect(options.message).toBe('The studio stopped unexpectedly.');
    expect(options.detail).toContain('offers to resume it');
    expect(options.buttons).toEqual(['Reload', 'Close Window']);
    expect(window.loadURL.mock.calls).toEqual([[APP_ENTRY_URL], [APP_ENTRY_URL]]);
    expect(await t.ctx.log.read()).toContain('The studio page is reloaded after it ended.');
  });

  it('closes the window when the user says so, and asks nothing after a clean exit', async () => {
    const { window } = await crashedWindow(1, 'oom');
    expect(window.close).toHaveBeenCalledTimes(1);
    expect((electron.dialog.showMessageBox.mock.calls[0]![1] as { detail: string }).detail).toContain('it ran out of memory');

    vi.clearAllMocks();
    const t = await makeContext(await tempFolder());
    const clean = new StudioWindow('/preload.cjs').show(t.ctx) as unknown as FakeBrowserWindow;
    clean.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    await new Promise((r) => setTimeout(r, 20));
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
  });
});

describe('files from Linux launchers', () => {
  it('takes file:// URIs (percent-escaped) as paths, and drops other URIs', () => {
    const photo = path.resolve(ROOT, 'My Photos', 'été ✓ 50%.jpg');
    const uri = pathToFileURL(photo).href;
    expect(uri).toMatch(/^file:\/\/.*%20.*%25/);
    expect(argumentPath(uri, '/elsewhere')).toBe(photo);
    expect(argumentPath('https://example.com/a.jpg', ROOT)).toBeNull();
    expect(argumentPath('file://remote-host/share/a.jpg', ROOT) === null || process.platform === 'win32').toBe(true);
    expect(fileArguments(['/opt/Pastiche/pastiche', uri, '--no-sandbox', 'style.png'], ROOT, false)).toEqual([photo, path.join(ROOT, 'style.png')]);
  });
});

describe('the Content-Security-Policy', () => {
  it('allows blob: scripts and workers exactly when the engine runs the wasm backend’s threaded build', async () => {
    const setup = await readFile(path.join(ROOT, 'renderer/engine/wasmThreads.ts'), 'utf8');
    const threaded = /setThreadsCount\(/.test(setup);
    const directive = (name: string) => CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith(`${name} `))!.split(' ').slice(1);
    expect(directive('script-src').includes('blob:')).toBe(threaded);
    expect(directive('worker-src').includes('blob:')).toBe(threaded);
  });
});

describe('--user-data-dir', () => {
  it('moves everything Pastiche stores into that folder', async () => {
    const { useUserDataSwitch } = await import('../../main/electron/userDataSwitch.js');
    electron.app.commandLine.getSwitchValue.mockReturnValueOnce('');
    useUserDataSwitch();
    expect(electron.app.setPath).not.toHaveBeenCalled();
    electron.app.commandLine.getSwitchValue.mockReturnValueOnce(path.join('profiles', 'second'));
    useUserDataSwitch();
    expect(electron.app.commandLine.getSwitchValue).toHaveBeenCalledWith('user-data-dir');
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', path.resolve('profiles', 'second'));
  });
});

describe('a weights mirror', () => {
  it('is taken from PASTICHE_MODEL_URL (and its checksum from PASTICHE_MODEL_MD5) for the studio’s download', async () => {
    const { downloadSourceFromEnv } = await import('../../main/electron/modelAccess.js');
    expect(downloadSourceFromEnv({})).toEqual({});
    expect(downloadSourceFromEnv({ PASTICHE_MODEL_URL: 'http://127.0.0.1:8080/vgg19.h5' })).toEqual({ url: 'http://127.0.0.1:8080/vgg19.h5' });
    expect(downloadSourceFromEnv({ PASTICHE_MODEL_URL: 'https://mirror.example/vgg19.h5', PASTICHE_MODEL_MD5: 'a'.repeat(32) })).toEqual({
      url: 'https://mirror.example/vgg19.h5',
      md5: 'a'.repeat(32),
    });
  });
});

describe('the app icon in the system About panel', () => {
  it('is passed to Electron when the app has one', async () => {
    const { setAboutPanel } = await import('../../main/electron/about.js');
    const icon = path.join(ROOT, 'assets', 'build', 'icons', '512x512.png');
    setAboutPanel(icon);
    expect(electron.app.setAboutPanelOptions).toHaveBeenCalledWith(expect.objectContaining({ applicationName: 'Pastiche', iconPath: icon }));
    expect((await sharp(icon).metadata()).width).toBe(512);
  });
});
