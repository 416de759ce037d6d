import { dialog, type BrowserWindow, type RenderProcessGoneDetails } from 'electron';
import { APP_ENTRY_URL } from './appOrigin.js';

const RELOAD = 0;
const CLOSE = 1;

/** Why the page ended, in the user's words. */
function describeReason(reason: RenderProcessGoneDetails['reason']): string {
  switch (reason) {
    case 'oom':
      return 'it ran out of memory';
    case 'launch-failed':
      return 'it could not start';
    case 'integrity-failure':
      return 'its code failed an integrity check';
    case 'killed':
      return 'the system ended it';
    default:
      return 'it crashed';
  }
}

/** Asks whether to reload the studio after its page ended; resolves true for Reload. */
async function askToReload(window: BrowserWindow, details: RenderProcessGoneDetails): Promise<boolean> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'error',
    message: 'The studio stopped unexpectedly.',
    detail:
      `The page showing the studio ended (${describeReason(details.reason)}; a graphics driver fault during a long run can do this). ` +
      'A run that was painting was saved every few seconds: after reloading, the studio offers to resume it.',
    buttons: ['Reload', 'Close Window'],
    defaultId: RELOAD,
    cancelId: CLOSE,
    noLink: true,
  });
  return response === RELOAD;
}

/**
 * A studio page that crashes (render-process-gone: a GPU fault, out of memory, killed) leaves a blank window:
 * offer to load the studio again, or close the window. A clean exit (the window closing) asks nothing.
 */
export function offerReloadAfterCrash(window: BrowserWindow, log: (message: string) => void): void {
  let asking = false;
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || asking || window.isDestroyed()) return;
    asking = true;
    void askToReload(window, details)
      .then((reload) => {
        if (window.isDestroyed()) return;
        log(reload ? 'The studio page is reloaded after it ended.' : 'The studio window is closed after its page ended.');
        if (reload) void window.loadURL(APP_ENTRY_URL);
        else window.close();
      })
      .catch((e: unknown) => log(`Could not offer to reload the studio: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (asking = false));
  });
}
