import { expect } from 'vitest';

/** The handlers a hardened session was given (what setPermission*Handler and webRequest.onBeforeRequest received). */
export interface SessionHandlers {
  request: (wc: unknown, permission: string, cb: (granted: boolean) => void, details: { requestingUrl?: string }) => void;
  check: (wc: unknown, permission: string, origin: string) => boolean;
  beforeRequest: (details: { url: string }, cb: (response: { cancel: boolean }) => void) => void;
  filter: { urls: string[] };
}

const PERMISSIONS = ['media', 'geolocation', 'notifications', 'openExternal', 'hid', 'usb', 'fullscreen', 'clipboard-read', 'clipboard-sanitized-write'];

/** Every permission is refused, even to the studio itself, on request and on check. */
export function expectEveryPermissionDenied(s: SessionHandlers): void {
  for (const permission of PERMISSIONS) {
    let granted: boolean | undefined;
    s.request({ getURL: () => 'app://pastiche/index.html' }, permission, (g) => (granted = g), { requestingUrl: 'app://pastiche/index.html' });
    expect(granted, permission).toBe(false);
    expect(s.check(null, permission, 'app://pastiche'), permission).toBe(false);
  }
}

/** Every request to the network or to file:// is matched by the filter and cancelled. */
export function expectNetworkCancelled(s: SessionHandlers): void {
  expect(s.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'file://*/*', 'ws://*/*', 'wss://*/*']));
  for (const url of ['https://example.com/', 'http://127.0.0.1:8080/x.js', 'file:///etc/passwd', 'wss://example.com/socket']) {
    let response: { cancel: boolean } | undefined;
    s.beforeRequest({ url }, (r) => (response = r));
    expect(response, url).toEqual({ cancel: true });
  }
}
