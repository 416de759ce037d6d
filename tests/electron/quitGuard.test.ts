import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { guardQuit } from '../../main/electron/quitGuard.js';
import { RunActivity } from '../../main/electron/runActivity.js';
import { StudioWindow } from '../../main/electron/studioWindow.js';
import { useTempFolders } from '../fixtures/tempFolder.js';
import { electron, FakeBrowserWindow } from './fakeElectron.js';
import { call, makeContext, valueOf } from './testContext.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const tempFolder = useTempFolders('pastiche-quit-');
const QUIT = 0;
const KEEP_PAINTING = 1;

/** The answer the next message box gets, given when the test says so. */
function answerLater(): (response: number) => Promise<void> {
  let answer!: (response: number) => void;
  electron.dialog.showMessageBox.mockImplementationOnce(() => new Promise((resolve) => (answer = (response) => resolve({ response, checkboxChecked: false }))));
  return async (response) => {
    answer(response);
    await new Promise((r) => setTimeout(r, 0));
  };
}

function guardedWindow(active: boolean) {
  const window = new FakeBrowserWindow({});
  const activity = new RunActivity();
  activity.set(active);
  guardQuit(window as unknown as BrowserWindow, activity);
  const closed = vi.fn();
  window.on('closed', closed);
  return { window, activity, closed };
}

beforeEach(() => {
  vi.clearAllMocks();
  electron.app.removeAllListeners('before-quit');
});

describe('quitting during a run', () => {
  it('closes at once when no run is going', () => {
    const { window, closed } = guardedWindow(false);
    window.close();
    expect(closed).toHaveBeenCalledTimes(1);
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('keeps the window open while a run is going and asks; Keep painting keeps it open', async () => {
    const { window, closed } = guardedWindow(true);
    const answer = answerLater();
    window.close();
    expect(closed).not.toHaveBeenCalled();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [parent, options] = electron.dialog.showMessageBox.mock.calls[0] as [unknown, { message: string; detail: string; buttons: string[]; cancelId: number }];
    expect(parent).toBe(window);
    expect(options.message).toBe('A picture is still being painted. Quit anyway?');
    expect(options.detail).toMatch(/offers to resume it/);
    expect(options.buttons).toEqual(['Quit', 'Keep painting']);
    expect(options.cancelId).toBe(KEEP_PAINTING);

    await answer(KEEP_PAINTING);
    expect(closed).not.toHaveBeenCalled();
    expect(window.close).toHaveBeenCalledTimes(1);
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it('closes the window on Quit', async () => {
    const { window, closed } = guardedWindow(true);
    const answer = answerLater();
    window.close();
    // A second close while the question is open asks nothing more.
    window.close();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    await answer(QUIT);
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('goes on quitting the app on Quit when the close came from a quit', async () => {
    const { window, closed } = guardedWindow(true);
    const answer = answerLater();
    electron.app.emit('before-quit', { preventDefault: vi.fn() });
    window.close();
    await answer(QUIT);
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    // Electron then closes the window again as part of the quit: nothing asks twice.
    window.close();
    expect(closed).toHaveBeenCalledTimes(1);
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
  });

  it('asks nothing after the studio says the run ended, or after the studio crashed', () => {
    const first = guardedWindow(true);
    first.activity.set(false);
    first.window.close();
    expect(first.closed).toHaveBeenCalledTimes(1);

    const second = guardedWindow(true);
    second.window.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    second.window.close();
    expect(second.closed).toHaveBeenCalledTimes(1);
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('guards the studio window, following what the studio tells main through setRunActive', async () => {
    const t = await makeContext(await tempFolder());
    const window = new StudioWindow('/preload.cjs').show(t.ctx) as unknown as FakeBrowserWindow;
    const closed = vi.fn();
    window.on('closed', closed);

    valueOf(await call(t.ctx, 'setRunActive', [true]));
    const answer = answerLater();
    window.close();
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    await answer(KEEP_PAINTING);
    expect(closed).not.toHaveBeenCalled();

    valueOf(await call(t.ctx, 'setRunActive', [false]));
    window.close();
    expect(closed).toHaveBeenCalledTimes(1);
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
    // The window's place is saved as it closes: let that finish before the folder goes.
    await t.ctx.settings.flush();
  });
});
