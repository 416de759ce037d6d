import { app, dialog, type BrowserWindow, type Event } from 'electron';
import type { RunActivity } from './runActivity.js';

const QUIT = 0;
const KEEP_PAINTING = 1;

/** Asks whether to stop the painting; resolves true for Quit. */
async function confirmQuit(window: BrowserWindow): Promise<boolean> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'question',
    message: 'A picture is still being painted. Quit anyway?',
    detail: 'The run is saved every few seconds: the next time Pastiche starts, it offers to resume it.',
    buttons: ['Quit', 'Keep painting'],
    defaultId: KEEP_PAINTING,
    cancelId: KEEP_PAINTING,
    noLink: true,
  });
  return response === QUIT;
}

/**
 * Closing the studio window (or quitting the app, which closes it) while a run is going asks first, and
 * closes only on Quit. A quit that was asked for goes on after Quit; a plain close just closes.
 */
export function guardQuit(window: BrowserWindow, activity: RunActivity): void {
  let quitting = false;
  let asking = false;
  let confirmed = false;
  const onBeforeQuit = () => (quitting = true);
  app.on('before-quit', onBeforeQuit);

  window.on('close', (event: Event) => {
    if (confirmed || !activity.active) return;
    event.preventDefault();
    const quit = quitting;
    quitting = false;
    if (asking) return;
    asking = true;
    void confirmQuit(window)
      .then((yes) => {
        if (!yes) return;
        confirmed = true;
        if (quit) app.quit();
        else window.close();
      })
      .catch((e: unknown) => console.error('pastiche: could not ask before closing', e))
      .finally(() => (asking = false));
  });
  // A studio that crashed or reloaded runs nothing until it says so again.
  window.webContents.on('render-process-gone', () => activity.set(false));
  window.on('closed', () => {
    app.off('before-quit', onBeforeQuit);
    activity.set(false);
  });
}
