import { EventEmitter } from 'node:events';
import os from 'node:os';
import type { App, BrowserWindow, WebContents } from 'electron';
import { vi } from 'vitest';

/**
 * Electron's API with every member optional, all the way down (functions' signatures are not compared: the
 * fakes are vi.fn()s). `electron` below satisfies it, so faking a member Electron lacks fails to compile.
 */
type FakeOf<T> = T extends (...args: never[]) => unknown ? unknown : T extends object ? { [K in keyof T]?: FakeOf<T[K]> } : unknown;

/** The members a fake class has beyond Electron's own, less the test helpers it declares: must be none (a compile error names them). */
type Invented<Fake, Real, Helpers extends PropertyKey> = Exclude<keyof Fake, keyof Real | Helpers>;
type None<T extends never> = T;
export type FakeMembersElectronLacks = [
  None<Invented<FakeApp, App, 'becomeReady'>>,
  None<Invented<FakeWebContents, WebContents, 'url' | 'sent' | 'destroyed' | 'windowOpenHandler' | 'nextSent'>>,
  None<Invented<FakeBrowserWindow, BrowserWindow, 'options' | 'maximized' | 'normalBounds'>>,
  None<Invented<typeof FakeBrowserWindow, typeof BrowserWindow, 'created' | 'onCreate'>>,
];

/**
 * The electron module as the tests see it (vi.mock('electron', …) returns `electron` below): the APIs main
 * uses, as recording fakes. Everything else (files, settings, images) is real.
 */

export class FakeWebContents extends EventEmitter {
  url = 'app://pastiche/index.html';
  readonly sent: Array<[string, unknown]> = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
    this.emit('test:sent', channel, payload);
  }
  /** Resolves with the payload of the first message sent on `channel` (already sent, or the next one). */
  nextSent(channel: string): Promise<unknown> {
    const earlier = this.sent.find(([c]) => c === channel);
    if (earlier) return Promise.resolve(earlier[1]);
    return new Promise((resolve) => {
      const check = (c: string, payload: unknown) => {
        if (c !== channel) return;
        this.off('test:sent', check);
        resolve(payload);
      };
      this.on('test:sent', check);
    });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  /** Called with each new window (tests await window creation through it). */
  static onCreate: ((window: FakeBrowserWindow) => void) | undefined;
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly maximize = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  /** Emits 'close' as Electron does, then 'closed' unless a listener prevented it. */
  readonly close = vi.fn(() => {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('closed');
  });
  maximized = false;
  normalBounds = { x: 40, y: 30, width: 1100, height: 760 };

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
    FakeBrowserWindow.onCreate?.(this);
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return false;
  }
  getNormalBounds() {
    return { ...this.normalBounds };
  }
}

/** The app object: an event emitter with the lifecycle calls main.ts makes. */
class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly getVersion = vi.fn(() => '1.2.3');
  readonly getPath = vi.fn((_name: string) => os.tmpdir());
  readonly getAppPath = vi.fn(() => '/opt/pastiche/resources/app.asar');
  readonly setPath = vi.fn();
  readonly commandLine = { getSwitchValue: vi.fn((_name: string) => '') };
  readonly setAboutPanelOptions = vi.fn();
  readonly getGPUFeatureStatus = vi.fn(() => ({ webgl: 'enabled', webgl2: 'enabled', gpu_compositing: 'disabled_software' }));
  readonly enableSandbox = vi.fn();
  readonly requestSingleInstanceLock = vi.fn((_data?: unknown) => true);
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  #ready!: () => void;
  readonly #whenReady = new Promise<void>((resolve) => (this.#ready = resolve));
  whenReady(): Promise<void> {
    return this.#whenReady;
  }
  /** Fires 'ready' as Electron does once it has started. */
  becomeReady(): void {
    this.#ready();
  }
}

export const electron = {
  app: new FakeApp(),
  ipcMain: { handle: vi.fn(), on: vi.fn() },
  session: {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    },
  },
  dialog: {
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
    showErrorBox: vi.fn(),
  },
  shell: {
    showItemInFolder: vi.fn(),
    openExternal: vi.fn(async (_url: string) => undefined),
  },
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn(),
  },
  screen: {
    getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]),
  },
  Menu: {
    buildFromTemplate: vi.fn((template: unknown) => ({ template })),
    setApplicationMenu: vi.fn(),
  },
  BrowserWindow: FakeBrowserWindow,
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: undefined })),
    send: vi.fn(),
    on: vi.fn(),
    removeListener: vi.fn(),
  },
  webUtils: { getPathForFile: vi.fn((_file: unknown) => '') },
  clipboard: { writeText: vi.fn((_text: string) => undefined) },
} satisfies FakeOf<typeof import('electron')>;
