/** What the app protocol sends with every response (protocol.ts); kept apart from Electron so tests can read it. */

/**
 * The Content-Security-Policy of every response the app protocol sends. Each directive, and why:
 * - default-src 'self': anything not named below comes only from the app itself.
 * - script-src 'self' 'wasm-unsafe-eval' blob:: the bundled scripts, WebAssembly compilation for the wasm
 *   backend, and the wasm backend's threaded build, which importScripts() its glue code from a blob: URL in
 *   each of its threads (renderer/engine/wasmThreads.ts). No 'unsafe-eval', no inline scripts.
 * - worker-src 'self' blob:: the engine worker, a bundled file, and the threaded build's own workers, which
 *   it starts from blob: URLs.
 * - img-src 'self' blob:: thumbnails and previews are object URLs made from the user's images.
 * - style-src 'self' 'unsafe-inline': Svelte sets style attributes (sizes, positions of the compare slider).
 * - font-src 'self', connect-src 'self': fonts and fetches (wasm binaries) only from the app; no network.
 * - object-src 'none', frame-src 'none', base-uri 'none', form-action 'none', frame-ancestors 'none':
 *   no plugins, no frames in either direction, no <base> tricks, no form posts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "img-src 'self' blob:",
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
 * Headers on every app response. COOP and COEP make the page cross-origin isolated (crossOriginIsolated, which
 * SharedArrayBuffer and precise timers require); the rest keep content from being sniffed, embedded or leaking.
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
