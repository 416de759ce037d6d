import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../app/host/contract.js';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../main/electron/ipc/channels.js';
import { electron } from './fakeElectron.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The method names of `interface Host` in app/host/contract.ts, read from the source. */
async function contractMethods(): Promise<string[]> {
  const source = await readFile(path.join(ROOT, 'app/host/contract.ts'), 'utf8');
  const body = /export interface Host \{([\s\S]*?)\n\}/.exec(source)![1]!;
  return [...body.matchAll(/^\s+(\w+)\(/gm)].map((m) => m[1]!).sort();
}

let exposed: Array<[string, Host]>;
let host: Host;

beforeAll(async () => {
  await import('../../main/electron/preload.js');
  exposed = electron.contextBridge.exposeInMainWorld.mock.calls as unknown as Array<[string, Host]>;
  host = exposed[0]![1];
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockReset();
  electron.ipcRenderer.on.mockReset();
  electron.ipcRenderer.send.mockReset();
  electron.ipcRenderer.removeListener.mockReset();
  electron.webUtils.getPathForFile.mockReset();
});

const listenerOn = (channel: string) => electron.ipcRenderer.on.mock.calls.find(([c]) => c === channel)?.[1] as (event: unknown, payload: unknown) => void;

describe('preload', () => {
  it('exposes exactly the Host contract, once, as window.pasticheHost', async () => {
    expect(exposed).toHaveLength(1);
    expect(exposed[0]![0]).toBe('pasticheHost');
    expect(Object.keys(host).sort()).toEqual(await contractMethods());
    for (const value of Object.values(host)) expect(typeof value).toBe('function');
  });

  it('sends each request on its own channel and unwraps the reply', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: { kind: 'electron' } });
    await expect(host.info()).resolves.toEqual({ kind: 'electron' });
    await host.openImages('style', true);
    await host.revealInFolder('tok');
    await host.setSettings({ a: 1 });
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [INVOKE_CHANNELS.info],
      [INVOKE_CHANNELS.openImages, 'style', true],
      [INVOKE_CHANNELS.revealInFolder, 'tok'],
      [INVOKE_CHANNELS.setSettings, { a: 1 }],
    ]);
  });

  it('turns a refusal into an Error carrying the message for the user', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue({ ok: false, message: '"x.png" is not an image Pastiche can open' });
    await expect(host.openRecent('tok')).rejects.toThrow(new Error('"x.png" is not an image Pastiche can open'));
  });

  it('sends only the export request fields main expects', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: { saved: false } });
    const bytes = new Uint8Array([1, 2]);
    await host.exportImage({ suggestedName: 'a.png', format: 'png', bytes, ...({ path: '/etc/x' } as object) });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS.exportImage, { suggestedName: 'a.png', format: 'png', bytes });
  });

  it('sends the path Electron gives for a dropped file, and the bytes of a file with none', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: { name: 'a.png', bytes: new Uint8Array() } });
    const file = { name: 'a.png', size: 3, arrayBuffer: async () => new Uint8Array([7, 8, 9]).buffer };
    electron.webUtils.getPathForFile.mockReturnValueOnce('/home/me/a.png');
    await host.readDroppedFile(file);
    electron.webUtils.getPathForFile.mockReturnValueOnce('');
    await host.readDroppedFile(file);
    electron.webUtils.getPathForFile.mockImplementationOnce(() => {
      throw new TypeError('not a File');
    });
    await host.readDroppedFile(file);
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [INVOKE_CHANNELS.readDroppedFile, { path: '/home/me/a.png' }],
      [INVOKE_CHANNELS.readDroppedFile, { name: 'a.png', bytes: new Uint8Array([7, 8, 9]) }],
      [INVOKE_CHANNELS.readDroppedFile, { name: 'a.png', bytes: new Uint8Array([7, 8, 9]) }],
    ]);
  });

  it('hands download progress to the callback while the download runs, then stops listening', async () => {
    let finish!: (reply: unknown) => void;
    electron.ipcRenderer.invoke.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const progress = vi.fn();
    const done = host.downloadModel(progress);
    const forward = listenerOn(EVENT_CHANNELS.downloadProgress);
    forward({}, { phase: 'downloading', receivedBytes: 10, totalBytes: 100, bytesPerSecond: 5 });
    finish({ ok: true, value: { state: 'ready', layers: [], partial: false } });
    await expect(done).resolves.toMatchObject({ state: 'ready' });
    expect(progress).toHaveBeenCalledWith({ phase: 'downloading', receivedBytes: 10, totalBytes: 100, bytesPerSecond: 5 });
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNELS.downloadProgress, forward);
  });

  it('subscribes to host commands, tells main it listens, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = host.onCommand(listener);
    expect(electron.ipcRenderer.send).toHaveBeenCalledWith(EVENT_CHANNELS.commandsReady);
    const forward = listenerOn(EVENT_CHANNELS.command);
    forward({}, { type: 'open-content' });
    expect(listener).toHaveBeenCalledWith({ type: 'open-content' });
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNELS.command, forward);
  });
});

describe('preload bundle', () => {
  it('is one CommonJS file whose only import is electron (what a sandboxed preload can load)', async () => {
    const script = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).scripts['build:preload'] as string;
    expect(script).toContain('--platform=browser --format=cjs --external:electron');
    const result = await build({
      entryPoints: [path.join(ROOT, 'main/electron/preload.ts')],
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      external: ['electron'],
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const [output] = Object.values(result.metafile.outputs);
    expect(output!.imports).toEqual([{ path: 'electron', kind: 'require-call', external: true }]);
    expect(result.outputFiles[0]!.text).not.toMatch(/\bimport\s*[({]|\bexport\s/);
  });
});
