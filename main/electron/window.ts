import { BrowserWindow, screen, type Rectangle } from 'electron';
import type { WindowState } from '../node/settings/settingsSchema.js';

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;

function overlaps(a: Rectangle, b: Rectangle): boolean {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width >= 100 && height >= 50;
}

/**
 * The bounds to open the window with: the saved ones when they still show a usable part of the window on
 * some display (monitors change), else only the saved size, centred by the system.
 */
export function restoredBounds(saved: WindowState | undefined, workAreas: readonly Rectangle[]): Partial<Rectangle> {
  if (!saved) return { ...DEFAULT_SIZE };
  const size = { width: Math.max(saved.width, MIN_SIZE.width), height: Math.max(saved.height, MIN_SIZE.height) };
  if (saved.x === undefined || saved.y === undefined) return size;
  const bounds = { x: saved.x, y: saved.y, ...size };
  return workAreas.some((area) => overlaps(bounds, area)) ? bounds : size;
}

/** What to remember of `window`: its normal (not maximized) bounds and whether it is maximized. */
export function windowState(window: BrowserWindow): WindowState {
  const { x, y, width, height } = window.getNormalBounds();
  return { x, y, width, height, maximized: window.isMaximized() };
}

export interface MainWindowOptions {
  preload: string;
  /** A PNG for the title bar and task bar (Linux, Windows). */
  icon?: string;
  saved: WindowState | undefined;
  /** Called with the window's state when it closes, to persist it. */
  onClose: (state: WindowState) => void;
}

/** Creates the studio window, hidden until its first paint, with the saved place and size. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const window = new BrowserWindow({
    ...restoredBounds(options.saved, workAreas),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Pastiche',
    ...(options.icon ? { icon: options.icon } : {}),
    backgroundColor: '#17171c',
    // The renderer's privileges: none beyond a web page's, plus the preload's contextBridge API. Written out
    // here, in the constructor call, so that static checkers (Electronegativity) can see every setting.
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      // A minimised or hidden studio keeps painting at full speed, and its checkpoint timer keeps its few seconds.
      backgroundThrottling: false,
    },
  });
  window.once('ready-to-show', () => {
    if (options.saved?.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => options.onClose(windowState(window)));
  return window;
}
