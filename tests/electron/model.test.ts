import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DownloadProgress, ModelFiles, ModelStatus } from '../../app/host/contract.js';
import { EVENT_CHANNELS } from '../../main/electron/ipc/channels.js';
import { SYNTHETIC_SHARD, writeSyntheticModelFolder } from '../fixtures/syntheticModelFolder.js';
import { useTempFolders } from '../fixtures/tempFolder.js';
import { ModelServer, serveFile } from '../model/fixtures/modelServer.js';
import { electron, FakeWebContents } from './fakeElectron.js';
import { call, makeContext, messageOf, studioEvent, valueOf } from './testContext.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const tempFolder = useTempFolders('pastiche-model-');

beforeEach(() => {
  vi.clearAllMocks();
});

describe('model status and loading', () => {
  it('reports a missing model in the store and says what to do when asked to load it', async () => {
    const t = await makeContext(await tempFolder());
    const status = valueOf<ModelStatus>(await call(t.ctx, 'modelStatus', []));
    expect(status).toEqual({ state: 'missing', location: path.join(t.userData, 'models', 'vgg19'), layers: [], partial: false });
    expect(messageOf(await call(t.ctx, 'loadModel', []))).toBe('The VGG19 weights are not installed yet: download them, or import a weights file.');
  });

  it('uses the folder PASTICHE_MODEL_DIR names, partial models included', async () => {
    const weights = await writeSyntheticModelFolder(path.join(await tempFolder(), 'weights'), 4);
    const t = await makeContext(await tempFolder(), { env: { PASTICHE_MODEL_DIR: weights } });
    const status = valueOf<ModelStatus>(await call(t.ctx, 'modelStatus', []));
    expect(status).toMatchObject({ state: 'ready', location: weights, layers: ['conv1_1', 'conv1_2', 'conv2_1', 'conv2_2'], partial: true });
    const files = valueOf<ModelFiles>(await call(t.ctx, 'loadModel', []));
    expect(Object.keys(files).sort()).toEqual([SYNTHETIC_SHARD, 'model.json']);
  });

  it('passes on the reason when PASTICHE_MODEL_DIR is wrong', async () => {
    const missing = path.join(await tempFolder(), 'nowhere');
    const t = await makeContext(await tempFolder(), { env: { PASTICHE_MODEL_DIR: missing } });
    expect(messageOf(await call(t.ctx, 'modelStatus', []))).toBe(`model folder ${missing} (PASTICHE_MODEL_DIR) does not exist`);
  });
});

describe('importModel', () => {
  it('asks for a Keras file or a weights folder, installs the folder chosen, and remembers where it was', async () => {
    const weights = await writeSyntheticModelFolder(path.join(await tempFolder(), 'downloaded', 'vgg'), 3);
    const t = await makeContext(await tempFolder());
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [weights] });
    const status = valueOf<ModelStatus>(await call(t.ctx, 'importModel', []));
    expect(status).toMatchObject({ state: 'ready', layers: ['conv1_1', 'conv1_2', 'conv2_1'], partial: true });
    expect(status.location).toBe(path.join(t.userData, 'models', 'vgg19'));
    expect((electron.dialog.showOpenDialog.mock.calls[0]![0] as { properties: string[] }).properties).toEqual(['openDirectory']);
    expect(t.ctx.settings.folder('model')).toBe(path.dirname(weights));
    expect(valueOf<ModelStatus>(await call(t.ctx, 'modelStatus', []))).toMatchObject({ state: 'ready' });
  });

  it('resolves with null and installs nothing when the user cancels', async () => {
    const t = await makeContext(await tempFolder());
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 2, checkboxChecked: false });
    expect(await call(t.ctx, 'importModel', [])).toEqual({ ok: true, value: null });
    expect(electron.dialog.showOpenDialog).not.toHaveBeenCalled();
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await call(t.ctx, 'importModel', [])).toEqual({ ok: true, value: null });
    expect((electron.dialog.showOpenDialog.mock.calls[0]![0] as { filters: unknown }).filters).toEqual([{ name: 'Keras weights', extensions: ['h5', 'hdf5'] }]);
    expect(valueOf<ModelStatus>(await call(t.ctx, 'modelStatus', []))).toMatchObject({ state: 'missing' });
  });
});

describe('downloadModel', () => {
  it('sends progress to the page that asked, runs one download at a time, and cancels leaving nothing installed', async () => {
    const server = await ModelServer.start();
    try {
      const body = new Uint8Array(256 * 1024).fill(7);
      server.on('/vgg19.h5', serveFile(body, { stallAt: 64 * 1024 }));
      const t = await makeContext(await tempFolder(), { source: { url: server.url('/vgg19.h5') } });

      let progressed!: (p: DownloadProgress) => void;
      const firstProgress = new Promise<DownloadProgress>((resolve) => (progressed = resolve));
      const sender = new FakeWebContents();
      sender.send = (channel: string, payload: unknown) => {
        if (channel === EVENT_CHANNELS.downloadProgress) progressed(payload as DownloadProgress);
      };
      const event = { ...studioEvent(), sender } as unknown as IpcMainInvokeEvent;

      const download = call(t.ctx, 'downloadModel', [], event);
      expect(await firstProgress).toMatchObject({ phase: 'downloading', totalBytes: body.length });
      expect(messageOf(await call(t.ctx, 'downloadModel', []))).toBe('The weights are already downloading.');
      expect(messageOf(await call(t.ctx, 'importModel', []))).toMatch(/^Wait for the download to finish/);

      expect(await call(t.ctx, 'cancelModelDownload', [])).toEqual({ ok: true, value: undefined });
      expect(messageOf(await download)).toBe('the model download was cancelled; nothing was installed');
      expect(valueOf<ModelStatus>(await call(t.ctx, 'modelStatus', []))).toMatchObject({ state: 'missing' });
      expect(t.ctx.models.downloading).toBe(false);
    } finally {
      await server.stop();
    }
  });
});
