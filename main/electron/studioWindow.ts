import type { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './appOrigin.js';
import type { MainContext } from './context.js';
import { offerReloadAfterCrash } from './crashRecovery.js';
import { guardQuit } from './quitGuard.js';
import { createMainWindow } from './window.js';

/** The one studio window: created on demand, its place saved when it closes, focused when asked for again. */
export class StudioWindow {
  #window: BrowserWindow | undefined;

  constructor(
    private readonly preload: string,
    /** The window's icon (Linux and Windows take it from here; macOS from the app bundle). */
    private readonly icon?: string,
  ) {}

  get(): BrowserWindow | undefined {
    return this.#window;
  }

  /** Shows the window, creating and loading it when there is none. */
  show(ctx: MainContext): BrowserWindow {
    if (this.#window) {
      if (this.#window.isMinimized()) this.#window.restore();
      this.#window.focus();
      return this.#window;
    }
    const window = createMainWindow({
      preload: this.preload,
      ...(this.icon ? { icon: this.icon } : {}),
      saved: ctx.settings.window(),
      onClose: (state) => void ctx.settings.setWindow(state).catch((e: unknown) => console.error('pastiche: could not save the window size', e)),
    });
    this.#window = window;
    ctx.commands.attach(window.webContents);
    guardQuit(window, ctx.runActivity);
    offerReloadAfterCrash(window, (message) => ctx.log.warn(message));
    window.on('closed', () => {
      if (this.#window === window) this.#window = undefined;
    });
    void window.loadURL(APP_ENTRY_URL);
    return window;
  }
}
