/** The studio is served from app://pastiche/ (see protocol.ts); this is the only origin main trusts. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pastiche';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for URLs on the app's origin. Compares scheme and host by hand: WHATWG URL gives custom schemes an
 * opaque "null" origin, so `url.origin` cannot be used.
 */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
