import { shell, type Session, type WebContents } from 'electron';

export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './contentSecurity.js';

/** Web pages that links in the studio (the model card's licence and sources) may open in the user's browser. */
export const EXTERNAL_LINKS: ReadonlySet<string> = new Set([
  'https://creativecommons.org/licenses/by/4.0/',
  'https://www.robots.ox.ac.uk/~vgg/research/very_deep/',
  'https://arxiv.org/abs/1409.1556',
  'https://arxiv.org/abs/1508.06576',
]);

/** Opens `url` in the user's browser when it is on the allowlist; says whether it did. */
export function openExternalIfAllowed(url: string): boolean {
  if (!EXTERNAL_LINKS.has(url)) return false;
  void shell.openExternal(url);
  return true;
}

/**
 * Locks down the session: every permission request and check is refused (the studio needs none: pasting
 * uses the paste event's clipboardData, fullscreen is the window's), and every request to the network or
 * to file:// is cancelled, so no remote content can load even if a URL slipped in.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*', 'ftp://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

/** Denies every navigation, new window and <webview> of `contents`; allowlisted links open in the browser. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternalIfAllowed(event.url);
  });
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}
