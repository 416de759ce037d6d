import { EventEmitter } from 'node:events';
import os from 'node:os';
import { vi } from 'vitest';

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
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly maximize = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  maximized = false;
  normalBounds = { x: 40, y: 30, width: 1100, height: 760 };

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return false;
  }
  getNormalBounds() {
    return { ...this.normalBounds };
  }
}

export const electron = {
  app: {
    getVersion: vi.fn(() => '1.2.3'),
    getPath: vi.fn((_name: string) => os.tmpdir()),
    setAboutPanelOptions: vi.fn(),
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
};
