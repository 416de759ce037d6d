import { shell, type Session, type WebContents } from 'electron';

/**
 * The Content-Security-Policy of every response the app protocol sends. Each directive, and why:
 * - default-src 'self': anything not named below comes only from the app itself.
 * - script-src 'self' 'wasm-unsafe-eval' blob:: the bundled scripts; WebAssembly compilation for the wasm
 *   backend; blob: because its threaded build starts its worker threads from a blob URL and loads the
 *   Emscripten glue into them with importScripts(blob:). No 'unsafe-eval', no inline scripts.
 * - worker-src 'self' blob:: the engine worker (a bundled file) and the wasm backend's thread workers (blob URLs).
 * - img-src 'self' blob: data:: thumbnails and previews are object URLs or data URLs made from the user's images.
 * - style-src 'self' 'unsafe-inline': Svelte sets style attributes (sizes, positions of the compare slider).
 * - font-src 'self', connect-src 'self': fonts and fetches (wasm binaries) only from the app; no network.
 * - object-src 'none', frame-src 'none', base-uri 'none', form-action 'none', frame-ancestors 'none':
 *   no plugins, no frames in either direction, no <base> tricks, no form posts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "img-src 'self' blob: data:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers on every app response. COOP and COEP make the page cross-origin isolated, which SharedArrayBuffer
 * (and so the wasm backend's threads) requires; the rest keep content from being sniffed, embedded or leaking.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=()',
};

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
