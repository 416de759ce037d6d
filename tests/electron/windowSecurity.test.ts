import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents } from '../../main/electron/security.js';
import { createMainWindow, restoredBounds } from '../../main/electron/window.js';
import { electron, FakeBrowserWindow, FakeWebContents } from './fakeElectron.js';
import { expectEveryPermissionDenied, expectNetworkCancelled, type SessionHandlers } from './sessionDenials.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

beforeEach(() => {
  vi.clearAllMocks();
  FakeBrowserWindow.created.length = 0;
});

function preventable(url: string, extra: Record<string, unknown> = {}) {
  return { url, preventDefault: vi.fn(), ...extra };
}

describe('the studio window', () => {
  it('is created sandboxed, isolated, without Node, with the preload and hidden until painted', () => {
    const onClose = vi.fn();
    createMainWindow({ preload: '/app/dist/preload/preload.cjs', saved: undefined, onClose });
    const [window] = FakeBrowserWindow.created;
    expect(window!.options.webPreferences).toEqual({
      preload: '/app/dist/preload/preload.cjs',
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
      backgroundThrottling: false,
    });
    expect(window!.options.show).toBe(false);
    window!.emit('ready-to-show');
    expect(window!.show).toHaveBeenCalledTimes(1);
  });

  it('restores the saved place, size and maximized state, and reports them on close', () => {
    const onClose = vi.fn();
    createMainWindow({ preload: '/p.cjs', saved: { x: 100, y: 80, width: 1000, height: 700, maximized: true }, onClose });
    const [window] = FakeBrowserWindow.created;
    expect(window!.options).toMatchObject({ x: 100, y: 80, width: 1000, height: 700 });
    window!.emit('ready-to-show');
    expect(window!.maximize).toHaveBeenCalled();
    window!.maximized = true;
    window!.emit('close');
    expect(onClose).toHaveBeenCalledWith({ x: 40, y: 30, width: 1100, height: 760, maximized: true });
  });

  it('keeps only the size when the saved place is on no display any more', () => {
    const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(restoredBounds({ x: 3000, y: 200, width: 1000, height: 700, maximized: false }, screen)).toEqual({ width: 1000, height: 700 });
    expect(restoredBounds({ x: 1900, y: 200, width: 1000, height: 700, maximized: false }, screen)).toEqual({ width: 1000, height: 700 });
    expect(restoredBounds({ x: 1700, y: 200, width: 1000, height: 700, maximized: false }, screen)).toEqual({ x: 1700, y: 200, width: 1000, height: 700 });
    expect(restoredBounds(undefined, screen)).toEqual({ width: 1280, height: 820 });
  });
});

describe('navigation and new windows', () => {
  let contents: FakeWebContents;

  beforeEach(() => {
    contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents);
  });

  it('denies every navigation, including to the app itself, and every <webview>', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://pastiche/index.html', 'javascript:alert(1)']) {
      const event = preventable(url);
      contents.emit('will-navigate', event);
      expect(event.preventDefault, url).toHaveBeenCalled();
      const frameEvent = preventable(url, { isMainFrame: false });
      contents.emit('will-frame-navigate', frameEvent);
      expect(frameEvent.preventDefault, url).toHaveBeenCalled();
    }
    const redirect = preventable('https://evil.example/');
    contents.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = preventable('');
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies every new window; only allowlisted pages open, in the user browser', () => {
    const open = contents.windowOpenHandler!;
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'app://pastiche/index.html' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://creativecommons.org/licenses/by/4.0/?x' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(open({ url: 'https://creativecommons.org/licenses/by/4.0/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://creativecommons.org/licenses/by/4.0/');
  });
});

describe('session', () => {
  /** Hardens a fake session and returns the handlers it was given. */
  function fakeSession(): SessionHandlers {
    const captured = {} as SessionHandlers;
    const session = {
      setPermissionRequestHandler: (h: SessionHandlers['request']) => (captured.request = h),
      setPermissionCheckHandler: (h: SessionHandlers['check']) => (captured.check = h),
      webRequest: {
        onBeforeRequest: (filter: SessionHandlers['filter'], h: SessionHandlers['beforeRequest']) => {
          captured.filter = filter;
          captured.beforeRequest = h;
        },
      },
    };
    hardenSession(session as unknown as Session);
    return captured;
  }

  it('denies every permission, even to the studio itself', () => {
    expectEveryPermissionDenied(fakeSession());
  });

  it('cancels every request to the network or to file://', () => {
    expectNetworkCancelled(fakeSession());
  });
});
